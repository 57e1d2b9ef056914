using System.Collections.Concurrent;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Pipelines;

/// <summary>
/// Recently decoded references, so a reference shared by many distorted images (dataset sweeps: one reference,
/// dozens of distortions) is decoded once while its pairs pass. Holds at most <c>capacity</c> images.
/// </summary>
public sealed class DecodedCache(int capacity, Func<string, DecodedImage> decode)
{
    private readonly ConcurrentDictionary<string, Lazy<DecodedImage>> _entries = new();
    private readonly ConcurrentQueue<string> _order = new();

    public DecodedImage Get(string path)
    {
        var created = new Lazy<DecodedImage>(() => decode(path), LazyThreadSafetyMode.ExecutionAndPublication);
        var lazy = _entries.GetOrAdd(path, created);
        if (ReferenceEquals(lazy, created))
            _order.Enqueue(path); // only the caller whose entry was stored queues it for eviction
        while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
            _entries.TryRemove(oldest, out _);
        try
        {
            return lazy.Value;
        }
        catch
        {
            _entries.TryRemove(path, out _);
            throw;
        }
    }
}
