#!/usr/bin/env python3
"""Does a fitted scoring model generalise better than the hand-tuned weights? (issue 11, round 18)

Recomputes every category score, overall score and level from the harness's per-rule results exactly as
src/InfraTrend.Core/Scoring/Scorer.cs does, then fits small model families and estimates, by cross-validation over the
corpus's splits, how they would agree with verdicts they were not fitted on. Standard library only.

  python3 calibration/fit/fit.py check RULES.json TOOL.json   recomputation against the harness's own figures
  python3 calibration/fit/fit.py cv RULES.json [FAMILY...]    leave-one-split-out and early->late, per family
  python3 calibration/fit/fit.py refit RULES.json FAMILY      fitted on all rows (in-sample only), rounded values

RULES.json and TOOL.json come from one harness run (run from the checkout):
  INFRATREND_CORPUS=/work/.mirror dotnet run -c Release --project calibration/InfraTrend.Calibration -- \\
      --split all --json TOOL.json --analyzers RULES.json > OUT.txt
"""
import json, math, os, sys

HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATS = ["deployment", "ci", "monitoring", "security", "database", "operations", "testing", "scaling"]
CAT_WEIGHT = {c: (1.0 if i < 5 else 0.25) for i, c in enumerate(CATS)}
# ScoringOptions' defaults: the security taper, the scaling and database floors, the level share, the essential pass.
TAPERS = {"security": (60, 0.6)}
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
        self.maps = dict(maps or {})         # category -> ("lin", a, b, floor) | ("taper", from, slope, floor)
        self.threshold = threshold

    def weight(self, rule):
        return self.weights.get(rule[0], rule[3])

    def category_map(self, cat, raw):
        m = self.maps.get(cat)
        if m is None:
            t = TAPERS.get(cat)
            tapered = t[0] + (raw - t[0]) * t[1] if t and raw > t[0] else raw
            return max(FLOORS.get(cat, 0), round_away(tapered))
        return apply_map(m, raw)


def apply_map(m, raw):
    kind, p, q, floor = m
    if kind == "lin":
        return max(floor, min(100, max(0, round_away(p + q * raw))))
    return max(floor, round_away(p + (raw - p) * q if raw > p else raw))


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
    level, so_far = 1, True
    for lvl in range(2, 6):
        at = [r for r in row["rules"] if r[2] == lvl and r[5] is not None and model.weight(r) > 0]
        applicable = sum(model.weight(r) for r in at)
        passing = sum(model.weight(r) * r[5] for r in at)
        essential_failing = any(r[4] and r[5] < ESSENTIAL_PASS for r in at)
        reached = so_far and applicable > 0 and passing / applicable >= model.threshold and not essential_failing
        if reached:
            level = lvl
        so_far = reached
    return {"categories": cats, "overall": overall, "level": level}


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
        return None if self.den[i][cat] <= 1e-9 else 100 * self.num[i][cat] / self.den[i][cat]

    def levels(self):
        n = 0
        for i, row in enumerate(self.rows):
            level, so_far = 1, True
            for lvl in range(2, 6):
                d = self.lden[i][lvl]
                reached = so_far and d > 1e-9 and self.lnum[i][lvl] / d >= self.model.threshold - 1e-12 and self.efail[i][lvl] == 0
                if reached:
                    level = lvl
                so_far = reached
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


def fit_weights(rows, model, passes=3):
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
            for m in MULTIPLIERS:
                w = base_w * m
                if w == start:
                    continue
                f.set_weight(rid, w)
                o = f.objective(cat)
                if o > best and f.levels() >= base_levels:
                    best_w, best = w, o
            f.set_weight(rid, best_w)
            changed |= best_w != start
        if not changed:
            break
    return model


LIN_GRID = [("lin", a, b / 20, fl) for a in range(-30, 31, 2) for b in range(10, 31) for fl in (0, 10, 20, 30)]
TAPER_GRID = [("taper", k, s / 10, fl) for k in range(30, 101, 5) for s in range(3, 16) for fl in (0, 10, 20, 30)]


def fit_maps(rows, model, grid):
    """Family A: per category the map from the grid with most hits on the training rows (ties: least absolute error,
    then the map nearest the identity)."""
    raws = raw_table(rows, model)
    for cat in CATS:
        pairs = [(raws[i][cat], row["verdict"]["categories"].get(cat)) for i, row in enumerate(rows)]
        nulls = sum(r is None and v is None for r, v in pairs)
        scored = [(r, v) for r, v in pairs if r is not None and v is not None]
        best, best_m = None, None
        for m in grid:
            hits, err = nulls, 0
            for r, v in scored:
                d = abs(apply_map(m, r) - v)
                hits += d <= TOLERANCE
                err += d
            key = (hits, -err, -distance_from_identity(m))
            if best is None or key > best:
                best, best_m = key, m
        model.maps[cat] = best_m
    return model


def distance_from_identity(m):
    kind, p, q, floor = m
    return (abs(p) / 10 + abs(q - 1) * 5 + floor / 10) if kind == "lin" else ((100 - p) / 10 * abs(q - 1) + floor / 10)


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
    "A-lin": lambda rows: fit_maps(rows, Model(), LIN_GRID),
    "A-taper": lambda rows: fit_maps(rows, Model(), TAPER_GRID),
    "B": lambda rows: fit_weights(rows, Model()),
    "C": lambda rows: fit_maps(rows, fit_weights(rows, fit_maps(rows, Model(), LIN_GRID)), LIN_GRID),
    "D": lambda rows: fit_threshold(rows, Model()),
}


# ---------------------------------------------------------------- commands

def cross_validate(rows, family, folds):
    """folds: [(name, training rows, test rows)]. Returns the pooled held-out agreement, fitted and unfitted."""
    tested, fitted, base = [], [], []
    for name, train, test in folds:
        model = FAMILIES[family](train)
        tested += test
        fitted += [score(r, model) for r in test]
        base += [score(r, Model()) for r in test]
        a, b = agreement(test, [score(r, model) for r in test]), agreement(test, [score(r, Model()) for r in test])
        print(f"    {name:<11} n={len(test):>3}  levels {b['levels']:>2} -> {a['levels']:>2}  categories {b['hits']:>3} -> {a['hits']:>3}", flush=True)
    return agreement(tested, fitted), agreement(tested, base)


def cmd_cv(rows, families):
    loso = [(f, [r for r in rows if r["fold"] != f], [r for r in rows if r["fold"] == f]) for f in ORDER]
    late = [("late", [r for r in rows if r["fold"] in EARLY], [r for r in rows if r["fold"] not in EARLY])]
    for fam in families:
        for what, folds in (("leave-one-split-out", loso), ("early->late", late)):
            print(f"{fam} {what}:", flush=True)
            a, b = cross_validate(rows, fam, folds)
            print(f"  unfitted {describe(b)}")
            print(f"  fitted   {describe(a)}")
            print(f"  held-out category hits {a['hits'] - b['hits']:+d} ({100 * (a['hits'] - b['hits']) / (8 * a['n']):+.2f} points), "
                  f"levels {a['levels'] - b['levels']:+d}, Spearman {a['rho'] - b['rho']:+.3f}", flush=True)


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


def main(argv):
    if len(argv) < 3 or argv[1] not in ("check", "cv", "refit"):
        sys.exit(__doc__)
    rows = load(argv[2])
    if argv[1] == "check":
        cmd_check(rows, argv[3])
    elif argv[1] == "cv":
        cmd_cv(rows, argv[3:] or list(FAMILIES))
    else:
        cmd_refit(rows, argv[3])


if __name__ == "__main__":
    main(sys.argv)
