namespace Iqa.Gpu.Pipelines;

/// <summary>
/// Bounds the pixels decoded but not yet scored, whatever the mix of image sizes. An item larger than the whole
/// budget is still admitted, alone, so nothing deadlocks.
/// </summary>
public sealed class PixelBudget(long capacity)
{
    private long _used;
    private readonly object _gate = new();

    public long Capacity { get; } = capacity;

    public async Task AcquireAsync(long pixels, CancellationToken token)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_used == 0 || _used + pixels <= Capacity)
                {
                    _used += pixels;
                    return;
                }
            }
            await Task.Delay(2, token);
        }
    }

    public void Release(long pixels)
    {
        lock (_gate)
            _used -= pixels;
    }
}
