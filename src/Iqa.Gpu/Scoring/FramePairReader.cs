using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Scoring;

/// <summary>
/// Reads frame pairs on a background thread while the caller scores the previous ones: a fixed ring of slots (frames
/// and, for devices that take float planes, their normalized planes, allocated on first use and reused) circulates
/// between a free queue and a filled queue, so I/O and sample conversion overlap compute and memory stays bounded.
/// The distorted input is read on a thread of its own, at the same time as the reference (reading is a copy out of the
/// page cache or a pipe: one thread alone limits fast metrics). When one input ends first, the other is read to its
/// end (unconverted) so both frame counts are known. Several scorers may take pairs at once (<see cref="Pairs"/> from each).
/// </summary>
internal sealed class FramePairReader : IDisposable
{
    private readonly BlockingCollection<FramePairSlot> _free = new();
    private readonly BlockingCollection<FramePairSlot> _filled = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly IFrameSource _reference, _distorted;
    private readonly int _planeCount;
    private readonly double _scale;
    private readonly Task _task, _distortedTask;
    private readonly BlockingCollection<FramePairSlot> _distortedToRead = new();
    private readonly BlockingCollection<(bool Read, Exception? Error)> _distortedRead = new();
    private Exception? _error;

    /// <param name="planesRead">Planes read per frame: 1 (Y; the chroma planes are skipped in the stream) or 3 (Y, U, V).</param>
    /// <param name="planeCount">Planes normalized per frame: 0 (none) or <paramref name="planesRead"/>.</param>
    /// <param name="scale">1 / data range: planes are stored as <c>x * scale - 0.5</c>.</param>
    /// <param name="scorers">Pairs scored at once: the ring has one slot more than that being read and one ready.</param>
    public FramePairReader(IFrameSource reference, IFrameSource distorted, int planesRead, int planeCount, double scale, int scorers = 1)
    {
        _reference = reference;
        _distorted = distorted;
        _planeCount = planeCount;
        _scale = scale;
        for (int i = 0; i < scorers + 2; i++)
            _free.Add(new FramePairSlot(planesRead));
        _distortedTask = Task.Factory.StartNew(ReadDistorted, TaskCreationOptions.LongRunning);
        _task = Task.Factory.StartNew(ReadAll, TaskCreationOptions.LongRunning);
    }

    /// <summary>
    /// Pairs in order (each to one of the callers taking them); give each back with <see cref="Return"/> once scored.
    /// Rethrows a reading failure at the end; <paramref name="token"/> stops the taking.
    /// </summary>
    public IEnumerable<FramePairSlot> Pairs(CancellationToken token = default)
    {
        foreach (var slot in _filled.GetConsumingEnumerable(token))
            yield return slot;
        _task.Wait();
        if (_error is not null)
            ExceptionDispatchInfo.Throw(_error);
    }

    public void Return(FramePairSlot slot) => _free.Add(slot);

    private void ReadAll()
    {
        try
        {
            for (long index = 0; ; index++)
            {
                var slot = _free.Take(_stop.Token);
                _distortedToRead.Add(slot);
                bool hasReference = _reference.ReadFrame(slot.Reference);
                var (hasDistorted, error) = _distortedRead.Take(_stop.Token);
                if (error is not null)
                    ExceptionDispatchInfo.Throw(error);
                if (hasReference != hasDistorted)
                    Drain(hasReference ? _reference : _distorted, hasReference ? slot.Reference : slot.Distorted);
                if (!hasReference || !hasDistorted)
                    return;
                slot.Prepare(index, _planeCount, _scale);
                _filled.Add(slot);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _error = e;
        }
        finally
        {
            _distortedToRead.CompleteAdding();
            _filled.CompleteAdding();
        }
    }

    /// <summary>Reads each slot's distorted frame as the reference reader hands the slot over, answering in order.</summary>
    private void ReadDistorted()
    {
        try
        {
            foreach (var slot in _distortedToRead.GetConsumingEnumerable(_stop.Token))
            {
                try
                {
                    _distortedRead.Add((_distorted.ReadFrame(slot.Distorted), null));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _distortedRead.Add((false, e));
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private void Drain(IFrameSource source, VideoFrame frame)
    {
        while (!_stop.IsCancellationRequested && source.ReadFrame(frame))
        {
        }
    }

    /// <summary>Stops reading (when scoring fails part-way) and waits for the reader, so the sources can be disposed.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _task.Wait();
        _distortedTask.Wait();
        _stop.Dispose();
        _free.Dispose();
        _filled.Dispose();
        _distortedToRead.Dispose();
        _distortedRead.Dispose();
    }
}
