namespace Iqa.Gpu.Slic;

internal static class SlicCpu
{
    public static int[] Cluster(SlicFeatures features, SlicGrid grid, SlicParameters p) => SlicReference.Segment(features, grid, p);
}
