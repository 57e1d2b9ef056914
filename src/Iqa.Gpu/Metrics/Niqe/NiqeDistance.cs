namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// The last lines of computequality.m: <c>mu_distparam = nanmean(feat); cov_distparam = nancov(feat);
/// quality = sqrt((mu_prisparam-mu_distparam) * pinv((cov_prisparam+cov_distparam)/2) * (mu_prisparam-mu_distparam)')</c>.
/// <para>
/// Where MATLAB would return NaN, the score stays defined: a feature that is NaN in every block (a side of the
/// AGGD fit without samples in every block, as for a constant image, whose MSCN is all zeros) is left out of
/// the distance together with its model row and column, and with no complete block the image covariance is
/// taken as zero. The α features are never NaN, so at least those ten remain.
/// </para>
/// </summary>
internal static class NiqeDistance
{
    public static double Compute(NiqeModel model, NiqeFeatures features)
    {
        const int dim = NiqeFeatures.PerBlock;
        int[] columns = FeatureStatistics.DefinedColumns(features.Values, dim);
        var (mean, cov) = FeatureStatistics.MeanAndCovariance(features.Values, dim, columns);
        int k = columns.Length;
        var diff = new double[k];
        var pooled = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            diff[i] = model.MeanArray[columns[i]] - mean[i];
            for (int j = 0; j < k; j++)
                pooled[i, j] = (model.CovarianceArray[columns[i], columns[j]] + cov[i, j]) / 2;
        }
        // The pooled matrix is positive semidefinite; rounding can make the form a hair negative when it is
        // singular and the difference lies in its null space.
        return Math.Sqrt(Math.Max(0, SymmetricPseudoInverse.QuadraticForm(pooled, diff)));
    }
}
