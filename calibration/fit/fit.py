#!/usr/bin/env python3
"""Does a fitted scoring model generalise better than the hand-tuned weights? (issue 11, round 18)

Recomputes every category score, overall score and level from the harness's per-rule results exactly as
src/InfraTrend.Core/Scoring/Scorer.cs does, then fits small model families and estimates, by cross-validation over the
corpus's splits, how they would agree with verdicts they were not fitted on. Standard library only.

  python3 calibration/fit/fit.py check RULES.json TOOL.json   recomputation against the harness's own figures
  python3 calibration/fit/fit.py cv RULES.json [FAMILY...]    leave-one-split-out and early->late, per family
  python3 calibration/fit/fit.py refit RULES.json FAMILY      fitted on all rows (in-sample only) and the values fitted
  python3 calibration/fit/fit.py score RULES.json             the tool and the two candidate maps (CANDIDATES), unfitted

RULES.json and TOOL.json come from one harness run (run from the checkout):
  INFRATREND_CORPUS=/work/.mirror dotnet run -c Release --project calibration/InfraTrend.Calibration -- \\
      --split all --json TOOL.json --analyzers RULES.json > OUT.txt
"""
import json, math, os, sys

HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATS = ["deployment", "ci", "monitoring", "security", "database", "operations", "testing", "scaling"]
CAT_WEIGHT = {c: (1.0 if i < 5 else 0.25) for i, c in enumerate(CATS)}
# ScoringOptions' defaults: the security taper, the scaling and database floors, the level share, the essential pass.
TAPERS = {"security": (60, 0.6), "operations": (20, 0.8)}
FLOORS = {"scaling": 20, "database": 20}
LEVEL_THRESHOLD, ESSENTIAL_PASS, TOLERANCE = 0.55, 0.5, 15
# Folds: one per split in the order the cohorts wrote them; the tiny splits join their neighbour.
JOIN = {"check": "holdout", "sixth-related": "sixth", "eleventh-related": "eleventh"}
ORDER = ["tune", "holdout", "final", "next", "third", "fourth", "fifth", "sixth",
         "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth"]
EARLY = set(ORDER[:ORDER.index("seventh")])
MULTIPLIERS = [0, 0.5, 1, 1.5, 2, 3]


def round_away(x):
    """Math.Round(x, MidpointRounding.AwayFromZero) for the non-negative values scores take."""
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


# ---------------------------------------------------------------- data

def load(rules_path):
    """Rows with each rule's result and the verdict: [{repo, fold, rules: [(id, cat, level, weight, essential, score)], verdict}]."""
    rows = []
    for r in json.load(open(rules_path)):
        name = r["Repo"].replace("/", "+")
        v = json.load(open(os.path.join(HOME, "verdicts", name + ".json")))
        rows.append({
            "repo": r["Repo"], "split": r["Split"], "fold": JOIN.get(r["Split"], r["Split"]),
            "rules": [(x["Id"], x["Category"], x["Level"], x["Weight"], x["Essential"], x["Score"]) for x in r["Rules"]],
            "verdict": {"categories": v["categories"], "range": v["level_range"], "overall": v["overall"], "why": v["why"]},
        })
    return rows


# ---------------------------------------------------------------- the scorer, as the tool computes it

class Model:
    """Per-rule weight overrides, per-category maps of the raw score, the level share. Empty = the tool's defaults."""

    def __init__(self, weights=None, maps=None, threshold=LEVEL_THRESHOLD):
        self.weights = dict(weights or {})   # rule id -> weight
        self.maps = dict(maps or {})         # category -> ("lin", a, b, floor) | ("taper", from, slope, floor[, shift])
        self.threshold = threshold

    def weight(self, rule):
        return self.weights.get(rule[0], rule[3])

    def category_map(self, cat, raw):
        return apply_map(self.maps.get(cat) or tool_map(cat), raw)


def apply_map(m, raw):
    """("lin", a, b, floor): a + b * raw; ("taper", from, slope, floor[, shift]): the tool's taper generalised, then shifted."""
    kind, p, q, floor = m[:4]
    if kind == "lin":
        return max(floor, min(100, max(0, round_away(p + q * raw))))
    shift = m[4] if len(m) > 4 else 0
    return max(floor, min(100, round_away((p + (raw - p) * q if raw > p else raw) + shift)))


def tool_map(cat, floor=None, shift=0):
    """The tool's own map of a category (ScoringOptions' taper and floor) as a "taper" map, optionally altered."""
    t = TAPERS.get(cat, (100, 1.0))
    return ("taper", t[0], t[1], FLOORS.get(cat, 0) if floor is None else floor, shift)


def raw_scores(row, model):
    """Category -> 100 * weighted mean of applicable rule results, or None when no rule applies."""
    out = {}
    for cat in CATS:
        applicable = [(model.weight(r), r[5]) for r in row["rules"] if r[1] == cat and r[5] is not None and model.weight(r) > 0]
        w = sum(x[0] for x in applicable)
        out[cat] = None if w <= 0 else 100 * sum(x[0] * x[1] for x in applicable) / w
    return out


def score(row, model):
    raws = raw_scores(row, model)
    cats = {c: (None if raws[c] is None else model.category_map(c, raws[c])) for c in CATS}
    scored = [c for c in CATS if cats[c] is not None]
    tw = sum(CAT_WEIGHT[c] for c in scored)
    overall = None if tw <= 0 else round_away(sum(CAT_WEIGHT[c] * cats[c] for c in scored) / tw)
    per_level = {}
    for lvl in range(2, 6):
        at = [r for r in row["rules"] if r[2] == lvl and r[5] is not None and model.weight(r) > 0]
        per_level[lvl] = (sum(model.weight(r) for r in at), sum(model.weight(r) * r[5] for r in at),
                          any(r[4] and r[5] < ESSENTIAL_PASS for r in at))
    return {"categories": cats, "overall": overall, "level": level_of(per_level, model.threshold)}


def level_of(per_level, threshold):
    """per_level: level -> (applicable weight, passing weight, an essential rule failing). Levels are reached in turn."""
    level = 1
    for lvl in range(2, 6):
        applicable, passing, essential_failing = per_level[lvl]
        if applicable <= 0 or passing / applicable < threshold or essential_failing:
            break
        level = lvl
    return level


# ---------------------------------------------------------------- agreement

def hit(tool, verdict):
    if tool is None or verdict is None:
        return tool is None and verdict is None
    return abs(tool - verdict) <= TOLERANCE


def spearman(pairs):
    def ranks(xs):
        order = sorted(range(len(xs)), key=lambda i: xs[i])
        rk = [0.0] * len(xs)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
                j += 1
            for k in range(i, j + 1):
                rk[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return rk
    rx, ry = ranks([p[0] for p in pairs]), ranks([p[1] for p in pairs])
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sxx, syy = sum((a - mx) ** 2 for a in rx), sum((b - my) ** 2 for b in ry)
    return 0 if sxx == 0 or syy == 0 else sxy / math.sqrt(sxx * syy)


def agreement(rows, readings):
    """Levels in range, category hits (total and per category), Spearman and mean absolute difference of overall."""
    per = {c: sum(hit(s["categories"][c], r["verdict"]["categories"].get(c)) for r, s in zip(rows, readings)) for c in CATS}
    levels = sum(r["verdict"]["range"][0] <= s["level"] <= r["verdict"]["range"][-1] for r, s in zip(rows, readings))
    pairs = [(r["verdict"]["overall"], s["overall"]) for r, s in zip(rows, readings) if s["overall"] is not None]
    return {"n": len(rows), "levels": levels, "hits": sum(per.values()), "per": per,
            "rho": spearman(pairs), "mad": sum(abs(a - b) for a, b in pairs) / len(pairs)}


def describe(a):
    return (f"levels {a['levels']}/{a['n']}  categories {a['hits']}/{8 * a['n']} ({100 * a['hits'] / (8 * a['n']):.1f}%)  "
            f"Spearman {a['rho']:.3f}  MAD {a['mad']:.2f}  | " + " ".join(f"{c[:4]} {a['per'][c]}" for c in CATS))


# ---------------------------------------------------------------- fitting

class Fitter:
    """Incremental state for one training set: per row and category the weighted sums, per row and level the same."""

    def __init__(self, rows, model):
        self.rows, self.model = rows, model
        self.num = [{c: 0.0 for c in CATS} for _ in rows]
        self.den = [{c: 0.0 for c in CATS} for _ in rows]
        self.lnum = [[0.0] * 6 for _ in rows]
        self.lden = [[0.0] * 6 for _ in rows]
        self.efail = [[0] * 6 for _ in rows]
        self.uses = {}   # rule id -> [(row index, rule)]
        for i, row in enumerate(rows):
            for r in row["rules"]:
                if r[5] is None:
                    continue
                self.uses.setdefault(r[0], []).append((i, r))
                self._add(i, r, model.weight(r))

    def _add(self, i, r, w, sign=1):
        if w <= 0:
            return
        self.num[i][r[1]] += sign * w * r[5]
        self.den[i][r[1]] += sign * w
        self.lnum[i][r[2]] += sign * w * r[5]
        self.lden[i][r[2]] += sign * w
        if r[4] and r[5] < ESSENTIAL_PASS:
            self.efail[i][r[2]] += sign

    def set_weight(self, rid, w):
        for i, r in self.uses.get(rid, []):
            self._add(i, r, self.model.weight(r), -1)
            self._add(i, r, w)
        self.model.weights[rid] = w

    def raw(self, i, cat):
        return None if round(self.den[i][cat], 9) <= 0 else 100 * self.num[i][cat] / self.den[i][cat]

    def levels(self):
        n = 0
        for i, row in enumerate(self.rows):
            # Rounded: sums kept by adding and taking away drift by a few ulps from the scorer's.
            level = level_of({lvl: (round(self.lden[i][lvl], 9), round(self.lnum[i][lvl], 9), self.efail[i][lvl] > 0)
                              for lvl in range(2, 6)}, self.model.threshold)
            lo, hi = row["verdict"]["range"][0], row["verdict"]["range"][-1]
            n += lo <= level <= hi
        return n

    def objective(self, cat):
        """(hits, -sum of absolute differences) of one category on the training rows."""
        hits, err = 0, 0
        for i, row in enumerate(self.rows):
            raw = self.raw(i, cat)
            s = None if raw is None else self.model.category_map(cat, raw)
            v = row["verdict"]["categories"].get(cat)
            hits += hit(s, v)
            if s is not None and v is not None:
                err += abs(s - v)
        return (hits, -err)


def fit_weights(rows, model, passes=3, multipliers=MULTIPLIERS, min_gain=0):
    """Family B: each rule's weight times a factor from MULTIPLIERS, by coordinate descent on its category's hits
    (ties by absolute error); a change that lowers the training rows' levels in range is refused."""
    f = Fitter(rows, model)
    base_levels = f.levels()
    rules = sorted({(r[0], r[1], r[3]) for row in rows for r in row["rules"] if r[3] > 0 and r[5] is not None})
    for _ in range(passes):
        changed = False
        for rid, cat, base_w in rules:
            best_w, best = model.weights.get(rid, base_w), f.objective(cat)
            start = best_w
            for m in multipliers:
                w = base_w * m
                if w == start:
                    continue
                f.set_weight(rid, w)
                o = f.objective(cat)
                if o > best and o[0] >= best[0] + min_gain and f.levels() >= base_levels:
                    best_w, best = w, o
            f.set_weight(rid, best_w)
            changed |= best_w != start
        if not changed:
            break
    return model


LIN_GRID = [("lin", a, b / 20, fl) for a in range(-30, 31, 2) for b in range(10, 31) for fl in (0, 10, 20, 30)]
TAPER_GRID = [("taper", k, s / 10, fl) for k in range(30, 101, 5) for s in range(3, 16) for fl in (0, 10, 20, 30)]


# Fewer parameters per category: the floor alone, the taper alone (the tool's floor kept), a shift alone.
FLOOR_GRID = {c: [tool_map(c, floor=fl) for fl in range(0, 45, 5)] for c in CATS}
TAPER_ONLY_GRID = {c: [("taper", k, s / 10, FLOORS.get(c, 0)) for k in range(30, 101, 5) for s in range(3, 16)] for c in CATS}
SHIFT_GRID = {c: [tool_map(c, shift=a) for a in range(-15, 16)] for c in CATS}


def fit_maps(rows, model, grid, min_gain=0):
    """Family A: per category the map from the grid with most hits on the training rows (ties: least absolute error,
    then the map nearest the identity); with min_gain, the tool's own map stays unless another wins that many hits."""
    raws = raw_table(rows, model)
    for cat in CATS:
        candidates = grid[cat] if isinstance(grid, dict) else grid
        pairs = [(raws[i][cat], row["verdict"]["categories"].get(cat)) for i, row in enumerate(rows)]
        best, best_m = None, None
        for m in [tool_map(cat)] + list(candidates):
            hits, err = map_agreement(pairs, m)
            key = (hits, -err, -distance_from_identity(m))
            if best is None or (key > best and hits >= best_hits + min_gain):
                best, best_m = key, m
                if m == tool_map(cat):
                    best_hits = hits
        model.maps[cat] = best_m
    return model


def fit_shared_map(rows):
    """Family A, shared: one taper for every category (the tool's floors kept), most hits over all categories."""
    model, best = Model(), None
    raws = raw_table(rows, model)
    for k in range(30, 101, 5):
        for sl in range(3, 16):
            maps = {c: ("taper", k, sl / 10, FLOORS.get(c, 0)) for c in CATS}
            hits = err = 0
            for c in CATS:
                h, e = map_agreement([(raws[i][c], row["verdict"]["categories"].get(c)) for i, row in enumerate(rows)], maps[c])
                hits, err = hits + h, err + e
            if best is None or (hits, -err) > best[0]:
                best = ((hits, -err), maps)
    model.maps = best[1]
    return model


def map_agreement(pairs, m):
    """(hits, sum of absolute differences) of one category's (raw score, verdict) pairs under map m."""
    hits = err = 0
    for r, v in pairs:
        if r is None or v is None:
            hits += r is None and v is None
        else:
            d = abs(apply_map(m, r) - v)
            hits += d <= TOLERANCE
            err += d
    return hits, err


def distance_from_identity(m):
    kind, p, q, floor = m[:4]
    if kind == "lin":
        return abs(p) / 10 + abs(q - 1) * 5 + floor / 10
    return (100 - p) / 10 * abs(q - 1) + floor / 10 + (abs(m[4]) / 10 if len(m) > 4 else 0)


def raw_table(rows, model):
    return [raw_scores(row, model) for row in rows]


def fit_threshold(rows, model):
    """Family D: the level share with most training levels in range (ties: nearest the tool's 0.55)."""
    best = None
    for t in [x / 100 for x in range(40, 76)]:
        model.threshold = t
        n = sum(r["verdict"]["range"][0] <= score(r, model)["level"] <= r["verdict"]["range"][-1] for r in rows)
        key = (n, -abs(t - LEVEL_THRESHOLD))
        if best is None or key > best[0]:
            best = (key, t)
    model.threshold = best[1]
    return model


FAMILIES = {
    # A: a monotone map of each category's raw score (the tool's taper and floor generalised), rule weights as they are.
    "A-taper": lambda rows: fit_maps(rows, Model(), TAPER_GRID),
    "A-taper-strict": lambda rows: fit_maps(rows, Model(), TAPER_GRID, min_gain=3),
    "A-shared": fit_shared_map,
    "A-taper-only": lambda rows: fit_maps(rows, Model(), TAPER_ONLY_GRID),
    "A-floor": lambda rows: fit_maps(rows, Model(), FLOOR_GRID),
    "A-shift": lambda rows: fit_maps(rows, Model(), SHIFT_GRID),
    "A-lin": lambda rows: fit_maps(rows, Model(), LIN_GRID),
    # B: rule weights within each category, the tool's maps kept. B-strict: a change must win at least two hits,
    # and no rule is switched off.
    "B": lambda rows: fit_weights(rows, Model()),
    "B-strict": lambda rows: fit_weights(rows, Model(), multipliers=[0.5, 1, 1.5, 2, 3], min_gain=2),
    # C: A then B then A again. D: the level share alone.
    "C": lambda rows: fit_maps(rows, fit_weights(rows, fit_maps(rows, Model(), TAPER_GRID)), TAPER_GRID),
    "D": lambda rows: fit_threshold(rows, Model()),
}


# ---------------------------------------------------------------- commands

def cross_validate(rows, family, folds):
    """folds: [(name, training rows, test rows)]. Returns the pooled held-out agreement, fitted and unfitted."""
    tested, fitted, base = [], [], []
    for name, train, test in folds:
        model = FAMILIES[family](train)
        fold_fitted, fold_base = [score(r, model) for r in test], [score(r, Model()) for r in test]
        tested, fitted, base = tested + test, fitted + fold_fitted, base + fold_base
        a, b = agreement(test, fold_fitted), agreement(test, fold_base)
        print(f"    {name:<11} n={len(test):>3}  levels {b['levels']:>2} -> {a['levels']:>2}  categories {b['hits']:>3} -> {a['hits']:>3}", flush=True)
    cells = [(hit(f["categories"][c], r["verdict"]["categories"].get(c)), hit(b["categories"][c], r["verdict"]["categories"].get(c)))
             for r, f, b in zip(tested, fitted, base) for c in CATS]
    fixed, broken = sum(f and not b for f, b in cells), sum(b and not f for f, b in cells)
    return agreement(tested, fitted), agreement(tested, base), (fixed, broken)


def cmd_cv(rows, families):
    loso = [(f, [r for r in rows if r["fold"] != f], [r for r in rows if r["fold"] == f]) for f in ORDER]
    late = [("late", [r for r in rows if r["fold"] in EARLY], [r for r in rows if r["fold"] not in EARLY])]
    for fam in families:
        for what, folds in (("leave-one-split-out", loso), ("early->late", late)):
            print(f"{fam} {what}:", flush=True)
            a, b, (fixed, broken) = cross_validate(rows, fam, folds)
            print(f"  unfitted {describe(b)}")
            print(f"  fitted   {describe(a)}")
            print(f"  held-out category hits {a['hits'] - b['hits']:+d} ({100 * (a['hits'] - b['hits']) / (8 * a['n']):+.2f} points), "
                  f"levels {a['levels'] - b['levels']:+d}, Spearman {a['rho'] - b['rho']:+.3f} ({fixed} cells fixed, {broken} broken)", flush=True)


def cmd_check(rows, tool_path):
    tool = {r["Repo"]: r["tool"] for r in json.load(open(tool_path))}
    cells = same_cells = overall = levels = 0
    for row in rows:
        t, s = tool[row["repo"]], score(row, Model())
        for c in CATS:
            cells += 1
            if t["Categories"].get(c) == s["categories"][c]:
                same_cells += 1
            else:
                print(f"  {row['repo']} {c}: tool {t['Categories'].get(c)} recomputed {s['categories'][c]}")
        overall += t["Overall"] == s["overall"]
        levels += t["Level"] == s["level"]
        if t["Level"] != s["level"] or t["Overall"] != s["overall"]:
            print(f"  {row['repo']}: level {t['Level']} vs {s['level']}, overall {t['Overall']} vs {s['overall']}")
    n = len(rows)
    print(f"recomputed = tool: categories {same_cells}/{cells}, overall {overall}/{n}, levels {levels}/{n}")
    print("recomputed: " + describe(agreement(rows, [score(r, Model()) for r in rows])))


def cmd_refit(rows, family):
    model = FAMILIES[family](rows)
    print(f"{family} fitted on all {len(rows)} (in-sample, not an estimate for unseen data):")
    print("  unfitted " + describe(agreement(rows, [score(r, Model()) for r in rows])))
    print("  fitted   " + describe(agreement(rows, [score(r, model) for r in rows])))
    base = {r[0]: r[3] for row in rows for r in row["rules"]}
    for rid, w in sorted(model.weights.items()):
        if w != base[rid]:
            print(f"  weight {rid}: {base[rid]} -> {w}")
    for cat, m in model.maps.items():
        print(f"  map {cat}: {m}")
    if model.threshold != LEVEL_THRESHOLD:
        print(f"  level share {model.threshold}")


# The two maps fitted on all 311 at 0ad28f0 (results/fit.md), written down before the tool first ran on `fourteenth`,
# so that split can test them: A-shared is the one the decision rule there names, A-taper is reported beside it.
CANDIDATES = {
    "A-shared": {c: ("taper", 75, 0.3, FLOORS.get(c, 0)) for c in CATS},
    "A-taper": {
        "deployment": ("taper", 45, 0.9, 20), "ci": ("taper", 85, 0.3, 0), "monitoring": ("taper", 65, 0.6, 20),
        "security": ("taper", 65, 0.4, 0), "database": ("taper", 70, 0.4, 30), "operations": ("taper", 45, 0.4, 30),
        "testing": ("taper", 70, 0.7, 0), "scaling": ("taper", 55, 0.6, 20),
    },
}


def cmd_score(rows):
    """The tool as it stands and each candidate map, on whatever rows the dump holds (no fitting)."""
    print("tool      " + describe(agreement(rows, [score(r, Model()) for r in rows])))
    for name, maps in CANDIDATES.items():
        print(f"{name:<9} " + describe(agreement(rows, [score(r, Model(maps=maps)) for r in rows])))


def main(argv):
    if len(argv) < 3 or argv[1] not in ("check", "cv", "refit", "score"):
        sys.exit(__doc__)
    rows = load(argv[2])
    if argv[1] == "check":
        cmd_check(rows, argv[3])
    elif argv[1] == "cv":
        cmd_cv(rows, argv[3:] or list(FAMILIES))
    elif argv[1] == "score":
        cmd_score(rows)
    else:
        cmd_refit(rows, argv[3])


if __name__ == "__main__":
    main(sys.argv)
