namespace Iqa.Gpu.Pipelines;

/// <summary>
/// Bounds the pixels decoded but not yet scored, whatever the mix of image sizes. An item larger than the whole
/// budget is still admitted, alone, so nothing deadlocks. Waiters wake when pixels are released.
/// </summary>
public sealed class PixelBudget(long capacity)
{
    private readonly object _gate = new();
    private long _used;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Capacity { get; } = capacity;

    public async Task AcquireAsync(long pixels, CancellationToken token)
    {
        while (true)
        {
            Task released;
            lock (_gate)
            {
                if (_used == 0 || _used + pixels <= Capacity)
                {
                    _used += pixels;
                    return;
                }
                released = _released.Task;
            }
            await released.WaitAsync(token);
        }
    }

    public void Release(long pixels)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            _used -= pixels;
            released = _released;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        released.SetResult();
    }
}
