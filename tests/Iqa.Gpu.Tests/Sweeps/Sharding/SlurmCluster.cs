using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace Iqa.Gpu.Tests.Sweeps.Sharding;

/// <summary>
/// A real one-node Slurm cluster for the duration of a test class: munged (as user munge, its own key and socket),
/// slurmctld and slurmd in the foreground, configuration, state, spool and logs under one temporary folder, ports
/// picked free. Needs root and Debian's slurm-wlm and munge packages (.ci/run installs them); where they are
/// missing <see cref="Unavailable"/> says why and <see cref="SlurmFactAttribute"/> skips. The daemons this fixture
/// started are stopped by their process ids on disposal.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    private static readonly string[] Programs = ["munged", "mungekey", "setpriv", "slurmctld", "slurmd", "sbatch", "sinfo", "squeue"];

    private readonly List<Process> _daemons = [];

    /// <summary>Why no cluster can be started here; null when one can.</summary>
    public static string? Unavailable { get; } = FindUnavailable();

    public SlurmCluster()
    {
        if (Unavailable != null || !OperatingSystem.IsLinux())
            return;
        Root = Directory.CreateTempSubdirectory("iqa-slurm-").FullName;
        try
        {
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Root { get; } = "";

    public string ConfigFile => Path.Combine(Root, "slurm.conf");

    public string NodeName { get; } = Run("hostname", "-s").Trim();

    /// <summary>
    /// Writes <paramref name="script"/> (a shell script) to <paramref name="workDir"/>/job.sh and submits it as a job
    /// array running in that folder; returns the job id.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public string SubmitArray(string script, string array, string workDir)
    {
        string path = Path.Combine(workDir, "job.sh");
        File.WriteAllText(path, script);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return Slurm("sbatch", "--parsable", "--array=" + array, "--chdir=" + workDir, "--output=" + Path.Combine(workDir, "%A_%a.out"), path).Trim();
    }

    /// <summary>Waits until the job (all its array tasks) has left the queue.</summary>
    public void WaitUntilDone(string jobId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Slurm("squeue", "-h", "-r", "-j", jobId).Trim().Length > 0)
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Slurm job {jobId} still queued after {timeout.TotalSeconds} s:\n{Logs()}");
            Thread.Sleep(250);
        }
    }

    /// <summary>A Slurm client command against this cluster (SLURM_CONF set); its standard output.</summary>
    public string Slurm(string program, params string[] args) => Run(program, args, ("SLURM_CONF", ConfigFile));

    public void Dispose()
    {
        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            try
            {
                // SIGTERM first, so slurmctld and slurmd reap their helpers; SIGKILL if one lingers.
                if (!daemon.HasExited)
                    Run("kill", "-TERM", daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (!daemon.WaitForExit(10_000))
                {
                    daemon.Kill();
                    daemon.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the signal.
            }
            daemon.Dispose();
        }
        _daemons.Clear();
        if (Root.Length > 0)
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    [SupportedOSPlatform("linux")]
    private void Start()
    {
        string munge = Path.Combine(Root, "munge"), log = Path.Combine(Root, "log");
        foreach (string dir in new[] { munge, log, Path.Combine(Root, "state"), Path.Combine(Root, "spool") })
            Directory.CreateDirectory(dir);
        // munged runs as user munge: the folders on the way to its socket must be searchable by all, the key its own.
        File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
        string key = Path.Combine(munge, "munge.key"), socket = Path.Combine(munge, "munge.socket");
        Run("mungekey", "-c", "-k", key);
        Run("chown", "-R", "munge:munge", munge);
        File.SetUnixFileMode(munge, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // setpriv execs munged in place, so the process id held here is munged's own.
        Launch("setpriv", "--reuid=munge", "--regid=munge", "--init-groups", "munged", "-F", "--key-file=" + key, "--socket=" + socket,
            "--pid-file=" + Path.Combine(munge, "munged.pid"), "--log-file=" + Path.Combine(munge, "munged.log"),
            "--seed-file=" + Path.Combine(munge, "munged.seed"));
        WaitFor(() => File.Exists(socket), "munged's socket");
        File.WriteAllText(ConfigFile, Config(socket));
        Launch("slurmctld", "-D", "-f", ConfigFile);
        Launch("slurmd", "-D", "-f", ConfigFile, "-N", NodeName);
        WaitFor(() => Slurm("sinfo", "-h", "-o", "%T").Trim() == "idle", "the node to be idle");
    }

    private string Config(string mungeSocket)
    {
        string p(string name) => Path.Combine(Root, name);
        return string.Join('\n',
            "ClusterName=iqa-test", $"SlurmctldHost={NodeName}", $"SlurmctldPort={FreePort()}", $"SlurmdPort={FreePort()}",
            "AuthType=auth/munge", $"AuthInfo=socket={mungeSocket}", "CredType=cred/munge",
            "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none", "SelectType=select/cons_tres", "SelectTypeParameters=CR_Core",
            "SlurmUser=root", "SlurmdUser=root", "MpiDefault=none", "ReturnToService=2", "SchedulerType=sched/backfill",
            "JobCompType=jobcomp/none", "AccountingStorageType=accounting_storage/none", "JobAcctGatherType=jobacct_gather/none",
            $"StateSaveLocation={p("state")}", $"SlurmdSpoolDir={p("spool")}", $"SlurmctldPidFile={p("slurmctld.pid")}",
            $"SlurmdPidFile={p("slurmd.pid")}", $"SlurmctldLogFile={p("log/slurmctld.log")}", $"SlurmdLogFile={p("log/slurmd.log")}",
            $"NodeName={NodeName} CPUs=2 RealMemory=20000 State=UNKNOWN",
            "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP", "");
    }

    private void Launch(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _daemons.Add(process);
    }

    private void WaitFor(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (condition())
                    return;
            }
            catch (InvalidOperationException)
            {
                // A client command failed: the daemons are still starting.
            }
            if (_daemons.FirstOrDefault(d => d.HasExited) is { } dead)
                throw new InvalidOperationException($"{dead.StartInfo.FileName} exited with {dead.ExitCode} while waiting for {what}:\n{Logs()}");
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"no {what} after 60 s:\n{Logs()}");
            Thread.Sleep(250);
        }
    }

    private string Logs() => string.Join('\n', Directory.EnumerateFiles(Path.Combine(Root, "log"))
        .Select(f => $"--- {Path.GetFileName(f)}\n{string.Join('\n', File.ReadLines(f).TakeLast(15))}"));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Run(string program, params string[] args) => Run(program, args, null);

    private static string Run(string program, string[] args, (string Name, string Value)? variable)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
            start.ArgumentList.Add(a);
        if (variable is var (name, value))
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 30 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result.Trim()}");
        return stdout;
    }

    private static string? FindUnavailable()
    {
        if (!OperatingSystem.IsLinux())
            return "a local Slurm cluster needs Linux";
        if (!Environment.IsPrivilegedProcess)
            return "starting slurmctld, slurmd and munged needs root";
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]).ToList();
        var missing = Programs.Where(p => !path.Any(dir => File.Exists(Path.Combine(dir, p)))).ToList();
        if (missing.Count > 0)
            return $"{string.Join(", ", missing)} not installed (apt-get install slurm-wlm munge, as .ci/run does)";
        try
        {
            Run("id", "munge");
        }
        catch (InvalidOperationException)
        {
            return "no user munge (the munge package creates it)";
        }
        return null;
    }
}

/// <summary>A test that needs <see cref="SlurmCluster"/>: skipped, with the reason, where one can't start.</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (SlurmCluster.Unavailable is string reason)
            Skip = reason;
    }
}
