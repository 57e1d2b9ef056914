namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// The multivariate Gaussian fit of computequality.m and estimatemodelparam.m: <c>nanmean</c> (each column's
/// mean over its non-NaN entries) and <c>nancov</c> (the sample covariance, normalised by m − 1, of the m rows
/// without any NaN; a single row gives zeros, as MATLAB normalises by 1 then), over a chosen set of columns.
/// </summary>
internal static class FeatureStatistics
{
    /// <summary>Columns of the row-major <paramref name="rows"/> (width <paramref name="dim"/>) that hold at least one non-NaN value.</summary>
    public static int[] DefinedColumns(ReadOnlySpan<double> rows, int dim)
    {
        var defined = new List<int>(dim);
        for (int c = 0; c < dim; c++)
            for (int r = c; r < rows.Length; r += dim)
                if (!double.IsNaN(rows[r]))
                {
                    defined.Add(c);
                    break;
                }
        return defined.ToArray();
    }

    /// <summary>Rows whose entries in <paramref name="columns"/> are all non-NaN.</summary>
    public static int CompleteRowCount(ReadOnlySpan<double> rows, int dim, int[] columns)
    {
        int count = 0;
        for (int r = 0; r < rows.Length; r += dim)
            if (IsComplete(rows.Slice(r, dim), columns))
                count++;
        return count;
    }

    /// <summary>nanmean and nancov restricted to <paramref name="columns"/>.</summary>
    public static (double[] Mean, double[,] Covariance) MeanAndCovariance(ReadOnlySpan<double> rows, int dim, int[] columns)
    {
        int k = columns.Length;
        var mean = new double[k];
        for (int i = 0; i < k; i++)
        {
            double sum = 0;
            int n = 0;
            for (int r = columns[i]; r < rows.Length; r += dim)
                if (!double.IsNaN(rows[r]))
                {
                    sum += rows[r];
                    n++;
                }
            mean[i] = sum / n;
        }

        // nancov centres on the mean of the complete rows, not on the nanmean above.
        var centre = new double[k];
        int m = 0;
        for (int r = 0; r < rows.Length; r += dim)
        {
            if (!IsComplete(rows.Slice(r, dim), columns))
                continue;
            m++;
            for (int i = 0; i < k; i++)
                centre[i] += rows[r + columns[i]];
        }
        for (int i = 0; i < k; i++)
            centre[i] /= m;

        var cov = new double[k, k];
        var dev = new double[k];
        for (int r = 0; r < rows.Length; r += dim)
        {
            if (!IsComplete(rows.Slice(r, dim), columns))
                continue;
            for (int i = 0; i < k; i++)
                dev[i] = rows[r + columns[i]] - centre[i];
            for (int i = 0; i < k; i++)
                for (int j = i; j < k; j++)
                    cov[i, j] += dev[i] * dev[j];
        }
        double denominator = Math.Max(m - 1, 1);
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
                cov[j, i] = cov[i, j] = m == 0 ? 0 : cov[i, j] / denominator;
        return (mean, cov);
    }

    private static bool IsComplete(ReadOnlySpan<double> row, int[] columns)
    {
        foreach (int c in columns)
            if (double.IsNaN(row[c]))
                return false;
        return true;
    }
}
