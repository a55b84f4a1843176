namespace InfraTrend.Calibration;

/// <summary>How far a set of readings agrees with the verdicts: the three figures, and the bias per category.</summary>
public sealed class Agreement
{
    public const int Tolerance = 15;
    public static readonly string[] CategoryIds = ["deployment", "ci", "monitoring", "security", "database", "operations", "testing", "scaling"];

    private readonly List<(Verdict Verdict, Reading Reading)> _pairs = [];

    public void Add(Verdict verdict, Reading reading) => _pairs.Add((verdict, reading));

    public int Count => _pairs.Count;

    public int LevelsInRange => _pairs.Count(p => p.Verdict.Accepts(p.Reading.Level));

    /// <summary>Category comparisons: both null agrees; a null on one side only is a miss; else within the tolerance.</summary>
    public (int Within, int Total) Categories
    {
        get
        {
            var within = 0;
            var total = 0;
            foreach (var (verdict, reading) in _pairs)
            {
                foreach (var id in CategoryIds)
                {
                    total++;
                    if (CategoryAgrees(verdict.Categories.GetValueOrDefault(id), reading.Categories.GetValueOrDefault(id)))
                        within++;
                }
            }
            return (within, total);
        }
    }

    public static bool CategoryAgrees(int? expected, int? actual) =>
        expected is null || actual is null ? expected is null && actual is null : Math.Abs(expected.Value - actual.Value) <= Tolerance;

    /// <summary>Mean signed difference (reading - verdict) per category where both have a score: the direction to tune.</summary>
    public IReadOnlyDictionary<string, double?> Bias() =>
        CategoryIds.ToDictionary(id => id, id =>
        {
            var diffs = _pairs
                .Where(p => p.Verdict.Categories.GetValueOrDefault(id) is not null && p.Reading.Categories.GetValueOrDefault(id) is not null)
                .Select(p => (double)(p.Reading.Categories[id]!.Value - p.Verdict.Categories[id]!.Value))
                .ToList();
            return diffs.Count == 0 ? (double?)null : diffs.Average();
        });

    /// <summary>
    /// What a reader who never looks at the repository would say: each figure the median of the other verdicts (a
    /// category stays null only where most verdicts leave it null). The floor the tool's agreement is read against.
    /// </summary>
    public static Reading KnowingNothing(IReadOnlyCollection<Verdict> others) => new(
        Median(others.Select(v => v.Level)),
        Median(others.Select(v => v.Overall)),
        CategoryIds.ToDictionary(id => id, id =>
        {
            var scores = others.Select(v => v.Categories.GetValueOrDefault(id)).ToList();
            return scores.Count(s => s is null) * 2 > scores.Count ? (int?)null : Median(scores.OfType<int>());
        }));

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    public double? OverallSpearman()
    {
        var pairs = _pairs.Where(p => p.Reading.Overall is not null).Select(p => ((double)p.Verdict.Overall, (double)p.Reading.Overall!.Value)).ToList();
        return pairs.Count < 3 ? null : Spearman(pairs);
    }

    public double OverallMeanAbsoluteError() =>
        _pairs.Where(p => p.Reading.Overall is not null).Select(p => Math.Abs(p.Reading.Overall!.Value - p.Verdict.Overall)).DefaultIfEmpty(0).Average();

    /// <summary>Spearman's rank correlation: Pearson's correlation of the ranks, ties given their mean rank.</summary>
    public static double Spearman(IReadOnlyList<(double X, double Y)> pairs)
    {
        var rx = Ranks(pairs.Select(p => p.X).ToList());
        var ry = Ranks(pairs.Select(p => p.Y).ToList());
        var mx = rx.Average();
        var my = ry.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(List<double> values)
    {
        var order = values.Select((v, i) => (v, i)).OrderBy(t => t.v).ToList();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Count;)
        {
            var end = start;
            while (end + 1 < order.Count && order[end + 1].v == order[start].v)
                end++;
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
                ranks[order[k].i] = rank;
            start = end + 1;
        }
        return ranks;
    }
}
