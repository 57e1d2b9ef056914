using System.Globalization;
using Iqa.Gpu.Bench;
using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Tests.Bench;

/// <summary>
/// The bench engine on small generated frames: every device measures the same frames, figures are present and
/// plausible, and each device's scores are checked against cpu's with the stated tolerances (a device made to
/// disagree fails; one within the tolerance passes).
/// </summary>
public sealed class BenchRunnerTests
{
    /// <summary>Short repetitions: these tests check what is measured, not how fast.</summary>
    private static readonly BenchTiming Quick = new() { MinSeconds = 0.01, MinRepetitions = 2 };

    private static BenchReport Run(IReadOnlyList<string> accelerators, IReadOnlyList<string> workloads, int width = 64, int height = 48,
        Func<string, IComputeDevice>? create = null, BenchTiming? timing = null) =>
        BenchRunner.Run(new BenchOptions
        {
            Accelerators = accelerators,
            Workloads = workloads,
            FrameSets = [BenchFrames.Synthetic(width, height, 2)],
            Timing = timing ?? Quick,
            CreateDevice = create ?? DeviceFactory.Create,
        });

    [Fact]
    public void Cpu_and_the_simulator_measure_the_same_frames_and_agree()
    {
        var report = Run(["ilgpu-cpu", "cpu"], ["psnr", "gmsd"]);

        Assert.True(report.Passed);
        Assert.Equal(["cpu", "ilgpu-cpu"], report.Devices.Select(d => d.Accelerator)); // cpu first: the reference
        Assert.Equal(["psnr/cpu", "psnr/ilgpu-cpu", "gmsd/cpu", "gmsd/ilgpu-cpu"], report.Measurements.Select(m => $"{m.Workload}/{m.Accelerator}"));
        foreach (var m in report.Measurements)
        {
            Assert.Null(m.Error);
            Assert.Null(m.Skipped);
            Assert.Equal(("64x48", 2), (m.Size, m.Frames));
            Assert.True(m.Repeatable);
            Assert.True(m.Resident!.FramesPerSecond > 0 && m.EndToEnd!.FramesPerSecond > 0);
            Assert.True(m.ComputeMs > 0 && m.PrepareUploadMs > 0 && m.InitMs > 0);
            Assert.Null(m.DecodeMs); // generated frames are not decoded
        }
        foreach (var cpu in report.Measurements.Where(m => m.Accelerator == "cpu"))
        {
            Assert.Null(cpu.Agreement);
            Assert.Equal((0.0, 0), (cpu.CompileMs, cpu.KernelsCompiled));
            Assert.Equal(MemoryPeak.ProcessPeakWorkingSet, cpu.PeakMemory!.Measure);
            Assert.True(cpu.Resident!.Repetitions >= Quick.MinRepetitions && cpu.EndToEnd!.Repetitions >= Quick.MinRepetitions);
            Assert.Null(cpu.Note);
        }
        foreach (var sim in report.Measurements.Where(m => m.Accelerator == "ilgpu-cpu"))
        {
            var agreement = Assert.Single(sim.Agreement!);
            Assert.Equal(sim.Workload, agreement.Score);
            Assert.True(agreement.Within);
            Assert.Equal(AgreementTolerances.For(sim.Workload).Limit, agreement.Tolerance);
            Assert.True(sim.CompileMs > 0 && sim.KernelsCompiled > 0);
            // Two frame pairs resident at once: at least their four planes of 64 x 48 floats on the device.
            Assert.Equal(MemoryPeak.DeviceAllocations, sim.PeakMemory!.Measure);
            Assert.True(sim.PeakMemory.Bytes >= 4 * 64 * 48 * sizeof(float), $"{sim.PeakMemory.Bytes} bytes");
            Assert.Equal((2, 2), (sim.Resident!.Repetitions, sim.EndToEnd!.Repetitions)); // once per frame pair
            Assert.Contains("ilgpu-cpu simulates GPU threads", sim.Note);
        }

        var host = report.Devices[0];
        Assert.Equal((Environment.ProcessorCount, report.Machine.CpuModel), (host.Multiprocessors!.Value, host.Name));
        Assert.Null(host.IlgpuVersion);
        Assert.StartsWith("1.5.3", report.Devices[1].IlgpuVersion);
        Assert.True(report.Machine.CpuThreads > 0 && report.Machine.MemoryBytes > 0);
        Assert.StartsWith("0.", report.Machine.IqaVersion);
        DateTimeOffset.ParseExact(report.Machine.Date, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        Assert.Equal("gray", report.Settings["color"]);
    }

    [Fact]
    public void A_device_that_perturbs_one_score_fails_the_agreement_check()
    {
        var report = Run(["cpu", PerturbedDevice.Label], ["psnr", "gmsd"], create: PerturbedDevice.Factory(1e-3));

        Assert.False(report.Passed);
        var psnr = report.Measurements.Single(m => m is { Accelerator: PerturbedDevice.Label, Workload: "psnr" });
        var agreement = Assert.Single(psnr.Agreement!);
        Assert.False(agreement.Within);
        Assert.False(psnr.Passed);
        // 4.3e-3 dB against a tolerance of 1e-4. Besides the perturbation, 4e-7 dB: the cpu device sums the samples'
        // squared errors exactly in integers, the perturbed one (not a CpuDevice) gets float planes.
        Assert.Equal(10 * Math.Log10(1 + 1e-3), agreement.MaxDifference, 1e-6);
        Assert.True(psnr.Repeatable); // wrong, but consistently
        Assert.True(report.Measurements.Single(m => m is { Accelerator: PerturbedDevice.Label, Workload: "gmsd" }).Passed);
    }

    [Fact]
    public void A_difference_within_the_tolerance_passes()
    {
        var report = Run(["cpu", PerturbedDevice.Label], ["psnr"], create: PerturbedDevice.Factory(1e-6));

        var agreement = Assert.Single(report.Measurements.Single(m => m.Accelerator == PerturbedDevice.Label).Agreement!);
        Assert.InRange(agreement.MaxDifference, 4e-6, 5e-6); // 10 log10(1 + 1e-6) dB, under 1e-4
        Assert.True(report.Passed);
    }

    [Fact]
    public void Without_cpu_among_the_devices_its_scores_are_still_the_reference()
    {
        var report = Run([PerturbedDevice.Label], ["psnr"], create: PerturbedDevice.Factory(1e-3));

        var only = Assert.Single(report.Measurements);
        Assert.False(Assert.Single(only.Agreement!).Within);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Scores_that_change_between_repetitions_are_flagged()
    {
        var report = Run(["cpu", PerturbedDevice.Label], ["psnr"], create: PerturbedDevice.Factory(1e-9, drifting: true));

        var drifting = report.Measurements.Single(m => m.Accelerator == PerturbedDevice.Label);
        Assert.True(Assert.Single(drifting.Agreement!).Within); // the warm-up pass is close to cpu's
        Assert.False(drifting.Repeatable);
        Assert.False(report.Passed);
    }

    [Fact]
    public void The_simulator_skips_frames_above_its_size_bound()
    {
        var report = Run(["cpu", "ilgpu-cpu"], ["psnr"], timing: Quick with { SimulatorMaxPixels = 64 * 48 - 1 });

        var skipped = report.Measurements.Single(m => m.Accelerator == "ilgpu-cpu");
        Assert.Contains("3071 pixels", skipped.Skipped);
        Assert.Null(skipped.Resident);
        Assert.True(report.Passed); // left out on purpose, not failed
    }

    [Fact]
    public void A_measurement_that_fails_is_that_rows_error_and_the_run_goes_on()
    {
        var report = Run(["cpu"], ["ms_ssim", "psnr"]);

        var failed = report.Measurements.Single(m => m.Workload == "ms_ssim");
        Assert.Contains("176", failed.Error); // msssim.m's size rule: 64x48 is too small
        Assert.Null(failed.Resident);
        Assert.True(report.Measurements.Single(m => m.Workload == "psnr").Passed);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Work_that_runs_off_the_device_is_measured_once()
    {
        var report = Run(["cpu", "ilgpu-cpu"], ["lpips"], width: 64, height: 64);

        var lpips = Assert.Single(report.Measurements);
        Assert.Equal("cpu", lpips.Accelerator);
        Assert.StartsWith("onnxruntime-cpu", lpips.ComputedOn);
        Assert.Null(lpips.Agreement);
        Assert.True(report.Passed);
    }
}
