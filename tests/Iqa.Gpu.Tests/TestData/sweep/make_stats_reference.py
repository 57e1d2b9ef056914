#!/usr/bin/python3
"""Reference values for the sweep statistics (Iqa.Gpu.Sweeps.Statistics), computed by scipy.

Run with Debian's interpreter, which has scipy 1.10 and numpy 1.24:

    /usr/bin/python3 tests/Iqa.Gpu.Tests/TestData/sweep/make_stats_reference.py

It writes stats_reference.json beside itself. Every float is written with repr (17 significant digits, exact
round trip); a value scipy reports as nan, or a call scipy refuses (ValueError), is written as null.

Sections:
- "correlations": inputs (ties, constant vectors, n = 1, 2, 3, negative correlation, infinities, a large tied
  sample) with scipy.stats.pearsonr, spearmanr and kendalltau (tau-b, method 'auto'), p-values included, and RMSE.
- "rankdata": scipy.stats.rankdata(method='average') of tied inputs.
- "logistic": the 5-parameter logistic fitted by scipy.optimize.curve_fit(method='lm') from each of the documented
  starts (the same list Iqa.Gpu.Sweeps.Statistics.LogisticFit uses), the converged fit of least squared error, and
  PLCC / SRCC / KRCC / RMSE of the mapped scores against the subjective scores.
- "prng": the first outputs of xoshiro256** seeded through SplitMix64, and bounded draws (Lemire's method), written
  here from the published algorithms so the C# generator is checked against an independent implementation.
- "bootstrap": percentile 95 % intervals of SRCC / KRCC / PLCC / RMSE over resamples drawn with that generator,
  each resample's statistic computed by scipy and the percentiles by numpy.percentile (linear interpolation).
"""
import json
import math
import os
import warnings

import numpy as np
import scipy
from scipy import optimize, stats

warnings.simplefilter("ignore")
MASK64 = (1 << 64) - 1


def num(v):
    v = float(v)
    return None if math.isnan(v) else (v if math.isfinite(v) else ("inf" if v > 0 else "-inf"))


def arr(a):
    return [num(v) for v in a]


def guarded(f):
    try:
        return f()
    except ValueError:
        return None


def correlations(x, y):
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    p = guarded(lambda: stats.pearsonr(x, y))
    s = guarded(lambda: stats.spearmanr(x, y))
    k = guarded(lambda: stats.kendalltau(x, y))
    pair = lambda r: None if r is None else {"statistic": num(r[0]), "pvalue": num(r[1])}
    rmse = float(np.sqrt(np.mean((x - y) ** 2))) if len(x) > 0 else float("nan")
    return {"x": arr(x), "y": arr(y), "pearson": pair(p), "spearman": pair(s), "kendall": pair(k), "rmse": num(rmse)}


def correlation_cases():
    rng = np.random.default_rng(20240601)
    cases = {}
    x = rng.normal(size=50)
    cases["normal_n50_positive"] = (x, 0.7 * x + 0.5 * rng.normal(size=50))
    x = rng.uniform(0, 1, size=40)
    cases["uniform_n40_negative"] = (x, 5 - 3 * x + 0.4 * rng.normal(size=40))
    x = np.round(rng.normal(size=60), 1)
    cases["ties_both_n60"] = (x, np.round(x + rng.normal(size=60), 0))
    cases["ties_heavy_n30"] = (rng.integers(0, 3, size=30).astype(float), rng.integers(0, 4, size=30).astype(float))
    cases["ties_joint_n12"] = ([1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 6], [2, 2, 1, 3, 3, 3, 5, 4, 4, 6, 6, 6])
    cases["perfect_increasing_n10"] = (np.arange(10.0), np.arange(10.0) ** 2)
    cases["perfect_decreasing_n10"] = (np.arange(10.0), -np.exp(np.arange(10.0)))
    cases["constant_x_n8"] = (np.full(8, 3.5), np.arange(8.0))
    cases["constant_y_n8"] = (np.arange(8.0), np.full(8, -1.0))
    cases["n1"] = ([0.5], [2.0])
    cases["n2_positive"] = ([1.0, 2.0], [3.0, 7.0])
    cases["n2_negative"] = ([1.0, 2.0], [7.0, 3.0])
    cases["n3"] = ([0.2, 0.9, 0.4], [1.0, 3.0, 2.5])
    cases["n3_tie"] = ([0.2, 0.9, 0.9], [1.0, 3.0, 2.5])
    cases["one_distinct_pair_n6"] = ([1, 1, 1, 1, 1, 2], [5, 4, 3, 2, 1, 0])
    cases["large_scale_offset_n25"] = (1e6 + rng.normal(size=25), 1e-3 * rng.normal(size=25))
    cases["exact_kendall_n33"] = (rng.permutation(33).astype(float), rng.permutation(33).astype(float))
    cases["asymptotic_kendall_n34"] = (rng.permutation(34).astype(float), rng.permutation(34).astype(float))
    x = np.round(rng.normal(size=2000), 2)
    cases["ties_large_n2000"] = (x, np.round(np.tanh(x) + 0.3 * rng.normal(size=2000), 1))
    cases["infinite_x_n7"] = ([1.0, 2.0, np.inf, 4.0, 5.0, 6.0, 7.0], [2.0, 1.0, 9.0, 3.0, 5.0, 4.0, 6.0])
    return [{"name": k, **correlations(x, y)} for k, (x, y) in cases.items()]


def rankdata_cases():
    # Not both +inf and -inf in one input: scipy 1.10 checks for NaN by summing, so it ranks such an input as all nan.
    inputs = [[3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0], [2.0, 2.0, 2.0], [-1.0, np.inf, 0.0, np.inf]]
    return [{"x": arr(v), "ranks": arr(stats.rankdata(v, method="average"))} for v in inputs]


def logistic5(x, b1, b2, b3, b4, b5):
    return b1 * (0.5 - 1.0 / (1.0 + np.exp(b2 * (x - b3)))) + b4 * x + b5


def logistic_starts(x, y):
    """The documented starts of LogisticFit.Starts: see its comment."""
    r = stats.pearsonr(x, y)[0]
    sign = -1.0 if r < 0 else 1.0
    spread = np.max(y) - np.min(y)
    slope = sign / np.std(x)
    base = [spread, slope, np.mean(x), 0.0, np.mean(y)]
    return [
        base,
        [spread, 10 * slope, np.mean(x), 0.0, np.mean(y)],
        [spread, 0.1 * slope, np.mean(x), 0.0, np.mean(y)],
        [spread, slope, np.median(x), 0.0, np.median(y)],
        [10.0, 0.0, np.mean(x), 0.1, 0.1],
    ]


def mapped_stats(x, y, beta):
    m = logistic5(x, *beta)
    return {"plcc": num(stats.pearsonr(m, y)[0]), "srcc": num(stats.spearmanr(m, y)[0]),
            "krcc": num(stats.kendalltau(m, y)[0]), "rmse": num(np.sqrt(np.mean((m - y) ** 2)))}


def logistic_case(name, x, y):
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    fits = []
    for start in logistic_starts(x, y):
        try:
            beta, _ = optimize.curve_fit(logistic5, x, y, p0=start, method="lm", maxfev=20000)
            sse = float(np.sum((logistic5(x, *beta) - y) ** 2))
            ok = bool(np.all(np.isfinite(beta)) and math.isfinite(sse))
        except RuntimeError:
            beta, sse, ok = np.full(5, np.nan), float("nan"), False
        fits.append({"start": arr(start), "converged": ok, "params": arr(beta), "sse": num(sse)})
    converged = [f for f in fits if f["converged"]]
    best = min(converged, key=lambda f: f["sse"]) if converged else None
    case = {"name": name, "x": arr(x), "y": arr(y), "fits": fits, "best": best}
    if best is not None:
        case.update(mapped_stats(x, y, np.asarray(best["params"])))
    return case


def logistic_cases():
    rng = np.random.default_rng(7)
    cases = []
    # SSIM-like scores against DMOS (decreasing, saturating), as in LIVE.
    s = np.sort(rng.uniform(0.55, 1.0, size=120))
    dmos = 80 * (1 - 1 / (1 + np.exp(-12 * (s - 0.8)))) + 10 + 6 * rng.normal(size=120)
    cases.append(logistic_case("ssim_vs_dmos_n120", s, dmos))
    # PSNR-like scores against MOS (increasing, with a linear part).
    p = rng.uniform(18, 45, size=200)
    mos = 4 / (1 + np.exp(-0.3 * (p - 30))) + 0.02 * p + 1 + 0.25 * rng.normal(size=200)
    cases.append(logistic_case("psnr_vs_mos_n200", p, mos))
    # Tied, coarse scores (a metric rounded to 2 decimals), small sample.
    t = np.round(rng.uniform(0, 1, size=25), 2)
    cases.append(logistic_case("ties_n25", t, 3 * t ** 2 + 0.2 * rng.normal(size=25)))
    # Almost linear relation: the logistic degenerates towards its linear term.
    l = rng.uniform(0, 10, size=60)
    cases.append(logistic_case("linear_n60", l, 2.5 * l + 3 + rng.normal(size=60)))
    return cases


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


class Xoshiro256StarStar:
    """xoshiro256** 1.0 (Blackman and Vigna), its state seeded with four SplitMix64 outputs."""

    def __init__(self, seed):
        self.s = []
        state = seed & MASK64
        for _ in range(4):
            state, z = splitmix64(state)
            self.s.append(z)

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK64
        result = (rotl((s[1] * 5) & MASK64, 7) * 9) & MASK64
        t = (s[1] << 17) & MASK64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def below(self, n):
        """Uniform integer in [0, n): Lemire's multiply-shift with rejection (2019)."""
        m = self.next() * n
        low = m & MASK64
        if low < n:
            threshold = ((1 << 64) - n) % n
            while low < threshold:
                m = self.next() * n
                low = m & MASK64
        return m >> 64


def prng_reference():
    g = Xoshiro256StarStar(42)
    first = [str(g.next()) for _ in range(8)]
    g = Xoshiro256StarStar(0)
    zero = [str(g.next()) for _ in range(4)]
    g = Xoshiro256StarStar(12345)
    below = [g.below(n) for n in [1, 2, 3, 7, 10, 1000, 10125, 3000, 2 ** 31 - 1] * 3]
    return {"seed42": first, "seed0": zero, "seed12345_below_bounds": [1, 2, 3, 7, 10, 1000, 10125, 3000, 2 ** 31 - 1] * 3,
            "seed12345_below": below}


def bootstrap_case(name, x, y, seed, resamples):
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    g = Xoshiro256StarStar(seed)
    n = len(x)
    values = {"srcc": [], "krcc": [], "plcc": [], "rmse": []}
    for _ in range(resamples):
        idx = np.array([g.below(n) for _ in range(n)])
        xs, ys = x[idx], y[idx]
        values["srcc"].append(guarded(lambda: stats.spearmanr(xs, ys)[0]))
        values["krcc"].append(stats.kendalltau(xs, ys)[0])
        values["plcc"].append(guarded(lambda: stats.pearsonr(xs, ys)[0]))
        values["rmse"].append(np.sqrt(np.mean((xs - ys) ** 2)))
    out = {"name": name, "x": arr(x), "y": arr(y), "seed": seed, "resamples": resamples}
    for key, v in values.items():
        v = np.array([np.nan if a is None else a for a in v], dtype=np.float64)
        defined = v[np.isfinite(v)]
        out[key] = {"lower": num(np.percentile(defined, 2.5)), "upper": num(np.percentile(defined, 97.5)),
                    "defined": int(len(defined))}
    return out


def bootstrap_cases():
    rng = np.random.default_rng(99)
    x = rng.normal(size=40)
    cases = [bootstrap_case("normal_n40", x, 0.6 * x + 0.6 * rng.normal(size=40), 2024, 500)]
    t = np.round(rng.uniform(0, 1, size=9), 1)
    cases.append(bootstrap_case("ties_small_n9", t, np.round(t + 0.3 * rng.normal(size=9), 1), 7, 300))
    return cases


def main():
    out = {
        "generator": f"make_stats_reference.py with scipy {scipy.__version__}, numpy {np.__version__}",
        "correlations": correlation_cases(),
        "rankdata": rankdata_cases(),
        "logistic": logistic_cases(),
        "prng": prng_reference(),
        "bootstrap": bootstrap_cases(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stats_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
