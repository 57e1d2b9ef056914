using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Scoring;

/// <summary>One frame pair as read, and (for devices that take float planes) its planes normalized for the metrics.</summary>
internal sealed class FramePairSlot(int planesRead)
{
    public VideoFrame Reference { get; } = new() { PlanesToRead = planesRead };
    public VideoFrame Distorted { get; } = new() { PlanesToRead = planesRead };
    public Plane[] ReferencePlanes { get; private set; } = [];
    public Plane[] DistortedPlanes { get; private set; } = [];

    /// <summary>The pair's position among the scored frames, from 0.</summary>
    public long Index { get; private set; }

    public void Prepare(long index, int planeCount, double scale)
    {
        Index = index;
        ReferencePlanes = Normalize(Reference, ReferencePlanes, planeCount, scale);
        DistortedPlanes = Normalize(Distorted, DistortedPlanes, planeCount, scale);
    }

    private static Plane[] Normalize(VideoFrame frame, Plane[] planes, int count, double scale)
    {
        if (!Fits(planes, frame, count))
            planes = [.. frame.Planes.Take(count).Select(p => new Plane(p.Width, p.Height))];
        for (int p = 0; p < count; p++)
            frame.Planes[p].WriteTo(planes[p], scale, -MetricInput.Offset);
        return planes;
    }

    private static bool Fits(Plane[] planes, VideoFrame frame, int count)
    {
        if (planes.Length != count)
            return false;
        for (int p = 0; p < count; p++)
            if (planes[p].Width != frame.Planes[p].Width || planes[p].Height != frame.Planes[p].Height)
                return false;
        return true;
    }
}
