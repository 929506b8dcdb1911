"""How alike a gazetteer name is to the words asked for, from 0 to 1: 1.0 the same folded name,
``W.exact`` the same without articles, ``W.same_bridge`` the same once OCHA's and GeoNames'
spelling conventions are bridged, 0.8-0.95 the same consonant skeleton (by how alike the
spellings are), else a fuzzy score that never reaches a key match. The weights are in
``ranking.json``; the keys come from ``names.py``.

The name rows scored here are the names table's (place_id, name, fold, bare, skel,
country_code) with what scoring asks of the name itself (``name_row``).
"""

from __future__ import annotations

from rapidfuzz.fuzz import ratio

from tawthiq.geo.candidates import Query
from tawthiq.geo.names import bridge, is_arabic
from tawthiq.geo.weights import W

BRIDGES_KEPT = 300_000            # bridge keys of gazetteer names an index remembers


def name_row(raw: tuple) -> tuple:
    """A names-table row (place_id, name, fold, bare, skel, country_code) with what scoring
    asks of the name itself, computed once instead of per query: whether it is written in
    Arabic script, for a name in capitals ("IND", "U.S.") its letters without dots, and the
    number of words of its bare key."""
    name = raw[1]
    return (*raw, is_arabic(name), name.replace(".", "") if name.isupper() else None,
            len(raw[3].split()))


def read_name_rows(rows: list[tuple]) -> list[tuple]:
    """Name rows read from SQLite (most of them skipped by the scoring) as ``name_row``
    gives them, but for the number of words, which is left None (worked out when needed)."""
    return [(place_id, name, nfold, nbare, nskel, cc,
             not name.isascii() and is_arabic(name),
             name.replace(".", "") if name.isupper() else None, None)
            for place_id, name, nfold, nbare, nskel, cc in rows]


def score_names(query: Query, country: str | None, passes: list[tuple[list[tuple], bool]],
                bridges: dict[str, str] | None = None, *,
                latin_first: bool = False) -> dict[str, float]:
    """The best similarity of any of its names to the query, per place, in the order places
    are first met. ``passes`` are the rows sharing the fold, the bare and (maybe) the
    skeleton key, each with whether it holds every row of its key. A row met again in a
    later pass (its fold or bare key is the query's, and that pass was complete) would
    score as before: it is skipped. Capitals ("IND" is India's code, "Ind." is Indiana)
    count fully only when written as asked. ``bridges``: the bridge keys of the gazetteer's
    names met so far (the index keeps them, as it keeps the names). With ``latin_first`` (an
    imported country gazetteer, whose publisher gives a place its Arabic name beside its
    Latin ones) a Latin query meets a place through its Arabic name's skeleton
    (``cross_script_same_skeleton``) only when none of the place's Latin names shares a key
    with it: that Arabic name is the same name as its Latin ones, not a second witness that
    outweighs how unlike they are spelt ("Al Ashari" is not "Shura", شورا, though all three
    have the skeleton s-r). The worldwide index keeps the Arabic reading as it was (its
    Arabic names are other contributors' alternates; geoparsing measured no better without)."""
    scored: dict[str, float] = {}
    memo: dict[tuple, float] = {}  # many places share a name: score each spelling once
    plain = query.text.replace(".", "").strip()
    qfold, qbare, qskel, qarabic = query.fold, query.bare, query.skel, query.arabic
    qwords = len(qbare.split())
    exact, cross_script, capitals = W.exact, W.cross_script_same_skeleton, \
        W.capitals_mismatch_share
    qbridge = None   # the query's bridge key, worked out when a row first needs it
    bridges = {} if bridges is None else bridges
    same_bridge, base, spread, word_penalty = (W.same_bridge, W.same_skeleton_base,
                                               W.same_skeleton_spread,
                                               W.same_skeleton_word_count_penalty)
    fold_complete = bare_complete = False
    script_only: list[str] = []  # places a Latin query meets by an Arabic name's skeleton
    # (the methods bound once: this loop runs over every row of every look-up)
    scored_get, memo_get, only_by_script = scored.get, memo.get, script_only.append
    for number, (rows, complete) in enumerate(passes):
        for place_id, _, nfold, nbare, nskel, cc, arabic, upper, words in rows:
            if country and cc != country:
                continue
            previous = scored_get(place_id, 0.0)
            if previous >= exact:
                continue
            if nfold == qfold:
                if fold_complete:
                    continue
                similarity = 1.0
            elif nbare == qbare:
                if bare_complete:
                    continue
                similarity = exact
            elif nskel == qskel:  # the skeleton pass: name_similarity's first case, inline
                if arabic != qarabic:
                    if latin_first and not qarabic:  # the Arabic name if no Latin one counts
                        only_by_script(place_id)
                        continue
                    similarity = cross_script
                else:
                    similarity = memo_get(nbare)
                    if similarity is None:  # _same_skeleton, inline (the hottest loop)
                        if words is None:
                            words = len(nbare.split())
                        if words != qwords:  # no bridge joins names of other lengths
                            similarity = (base + spread * ratio(qbare, nbare) / 100
                                          - word_penalty)
                        else:
                            nbridge = bridges.get(nbare)
                            if nbridge is None:
                                nbridge = bridge(nbare)
                                if len(bridges) < BRIDGES_KEPT:
                                    bridges[nbare] = nbridge
                            if qbridge is None:
                                qbridge = bridge(qbare)
                            similarity = (same_bridge if nbridge == qbridge
                                          else base + spread * ratio(qbare, nbare) / 100)
                        memo[nbare] = similarity
            else:
                similarity = name_similarity(query, arabic, nbare, nskel)
            if upper is not None and upper != plain:
                similarity *= capitals
            if similarity > previous:
                scored[place_id] = similarity
        if number == 0:
            fold_complete = complete
        elif number == 1:
            bare_complete = complete
    for place_id in script_only:
        if place_id not in scored:
            scored[place_id] = cross_script
    return scored


def _same_skeleton(qbare: str, nbare: str, same_words: bool) -> float:
    """Same script, same skeleton: one name spelt two ways when a spelling bridge joins them
    (``names.bridge``), else by how alike the article-free spellings are, a little less for
    another number of words (``score_names`` has it inline)."""
    if bridge(qbare) == bridge(nbare):
        return W.same_bridge
    penalty = 0.0 if same_words else W.same_skeleton_word_count_penalty
    return W.same_skeleton_base + W.same_skeleton_spread * ratio(qbare, nbare) / 100 - penalty


def name_similarity(query: Query, arabic: bool, nbare: str, nskel: str) -> float:
    """For a name whose fold differs from the query's (1.0 when equal) and whose bare form
    differs too (``W.exact``): 0.8-0.95 same skeleton (by how alike the spellings are; 0.9
    across scripts); else a fuzzy score. ``arabic``: the name is written in Arabic script."""
    cross_script = query.arabic != arabic
    if nskel == query.skel:
        if cross_script:
            return W.cross_script_same_skeleton
        return _same_skeleton(query.bare, nbare, len(nbare.split()) == len(query.bare.split()))
    skel_score = ratio(query.skel, nskel) / 100
    if cross_script:
        return W.cross_script_fuzzy_share * skel_score
    return W.fuzzy_share * (0.5 * ratio(query.bare, nbare) / 100 + 0.5 * skel_score)


def similarity_of_name(query: Query, name: str, nfold: str, nbare: str, nskel: str) -> float:
    """``name_similarity`` for a name not yet compared by its fold and bare keys: 1.0 same
    folded name, ``W.exact`` same without articles."""
    if nfold == query.fold:
        return 1.0
    if nbare == query.bare:
        return W.exact
    return name_similarity(query, is_arabic(name), nbare, nskel)
