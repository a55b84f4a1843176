using InfraTrend.Calibration;

namespace InfraTrend.Tests.Calibration;

/// <summary>The calibration harness's figures: what counts as agreeing, and the rank correlation it prints.</summary>
public sealed class AgreementTests
{
    private static Verdict Verdict(int level, int[] range, int overall, int? database) => new()
    {
        Repo = "acme/shop",
        Commit = new string('a', 40),
        Level = level,
        LevelRange = range,
        Overall = overall,
        Categories = Agreement.CategoryIds.ToDictionary(c => c, c => c == "database" ? database : (int?)50),
    };

    private static Reading Reading(int level, int overall, int? database) =>
        new(level, overall, Agreement.CategoryIds.ToDictionary(c => c, c => c == "database" ? database : (int?)60));

    [Fact]
    public void A_null_on_one_side_only_is_a_miss_and_fifteen_points_is_the_edge()
    {
        Assert.True(Agreement.CategoryAgrees(null, null));
        Assert.False(Agreement.CategoryAgrees(null, 40));
        Assert.False(Agreement.CategoryAgrees(40, null));
        Assert.True(Agreement.CategoryAgrees(40, 55));
        Assert.False(Agreement.CategoryAgrees(40, 56));
    }

    [Fact]
    public void Totals_count_levels_in_range_and_categories_within_the_tolerance()
    {
        var agreement = new Agreement();
        agreement.Add(Verdict(3, [3, 4], 70, database: 80), Reading(4, 72, database: 80));
        agreement.Add(Verdict(2, [2, 2], 40, database: null), Reading(3, 45, database: 30));

        Assert.Equal(1, agreement.LevelsInRange);
        // Every category but the second repository's database (null against 30) is 10 points off: within.
        Assert.Equal((15, 16), agreement.Categories);
        Assert.Equal(10.0, agreement.Bias()["ci"]);
        Assert.Equal(0.0, agreement.Bias()["database"]);
    }

    [Fact]
    public void Spearman_is_one_for_the_same_order_minus_one_for_the_reverse_and_ties_share_their_rank()
    {
        Assert.Equal(1.0, Agreement.Spearman([(10, 1), (20, 5), (30, 9)]), 6);
        Assert.Equal(-1.0, Agreement.Spearman([(10, 9), (20, 5), (30, 1)]), 6);
        // x ranks 1, 2.5, 2.5, 4 against y ranks 1, 2, 3, 4: 0.9487 (Pearson of the ranks).
        Assert.Equal(0.9487, Agreement.Spearman([(1, 1), (2, 2), (2, 3), (3, 4)]), 4);
    }

    [Fact]
    public void A_reader_who_never_looks_says_the_median_of_the_other_verdicts_and_null_only_where_most_are_null()
    {
        var others = new[]
        {
            Verdict(2, [2, 3], 40, database: null),
            Verdict(3, [3, 3], 60, database: 70),
            Verdict(3, [2, 3], 55, database: 20),
        };

        var guess = Agreement.KnowingNothing(others);

        Assert.Equal(3, guess.Level);
        Assert.Equal(55, guess.Overall);
        Assert.Equal(70, guess.Categories["database"]);
        Assert.Equal(50, guess.Categories["ci"]);
        Assert.Null(Agreement.KnowingNothing([others[0], Verdict(2, [2, 2], 30, database: null), others[1]]).Categories["database"]);
    }
}
