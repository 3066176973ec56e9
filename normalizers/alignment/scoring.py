"""Vectorised name scoring: every item name against every wording of every catalog entry.

A *form* is one wording of an entry: its canonical name, an alias, or an umbrella wording
(which names several entries and carries the others as ``covers``). For a batch of names,
:meth:`NameIndex.score` returns one score matrix (names × entries, 0–100) built from:

- rapidfuzz's ``token_set_ratio`` on the segmented text and ``partial_ratio`` on the
  normalised text, computed in C on all cores (``process.cdist`` / ``process.cpdist``) for
  each name's shortlist of likely wordings (``process.cdist`` with the cheap ``ratio`` over
  all pairs picks the shortlist);
- a weighted token overlap: how much of the entry's wording the name contains (*recall*)
  and how much of the name the entry explains (*precision*). Tokens are weighted by how
  few entries use them, so 补缴 or 医疗救助 decide more than 参保 or 人员. A name's
  section (its group label, e.g. 参保登记 above 单位登记) adds to recall at half weight:
  it fills in words a short name leaves out but never stands in for the name itself.

Tokenising goes through :class:`normalizers.alignment.tokenize.NameTokenizer`; what scoring needs of a
name is cached per name. The string scorers see each distinct normalised wording once (names
that differ only in brackets, punctuation or noise words share it), and each wording of the
catalog is compared with all the names it is paired with in one ``process.cdist`` call, so
rapidfuzz prepares it once. ``ratio`` and ``partial_ratio`` run on single-byte recodings of
both sides (see :class:`_ByteCodes`): the same scores, on rapidfuzz's fastest code paths.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from normalizers.alignment.tokenize import clean_name

if TYPE_CHECKING:
    from normalizers.alignment.catalog import Catalog

FormKind = Literal["canonical", "alias", "umbrella"]

# Weights of the score's parts. Overlap carries most: it knows which words matter. The string
# scorers catch what tokens miss (typos, words jieba cuts differently).
W_OVERLAP = 0.5
W_TOKEN_SET = 0.3
W_PARTIAL = 0.2
CONTEXT_WEIGHT = 0.5  # a section token counts half as much as a name token
MINOR_WEIGHT = 0.25  # share of its weight a minor token (人员, 待遇 …) keeps
# Overlap is an F-measure of recall and precision that weighs recall this many times more:
# provinces add descriptive words to names (流动就业人员…关系转出, 市外异地就医备案), so a name
# that contains an entry's words but adds others is still likely that entry.
RECALL_BETA = 2.0
UMBRELLA_BETA = 1.0  # group wordings: see NameIndex.score
SHORTLIST = 12  # forms per name that the costly rapidfuzz scorers see (see _shortlisted)
HEAD_BONUS = 8.0  # points for sharing the final word, scaled by that word's weight
FEATURE_CACHE_LIMIT = 200_000  # names whose features an index keeps (input is unbounded)


# Where a name's clauses break: a comma, a semicolon or a question's or exclamation's mark (not
# 、, which lists the parts of one clause).
_CLAUSE_BREAK = re.compile(r"[,，;；?？!！]")


def _all_pairs(queries: list[str], choices: list[str], scorer: Any) -> np.ndarray:
    """``scorer`` on every (query, choice) pair, in C on all cores."""
    return process.cdist(queries, choices, scorer=scorer, dtype=np.float32, workers=-1)


class _ByteCodes(dict[int, str]):
    """A ``str.translate`` table: each character of the catalog's wordings to a code of its
    own below 256, any other character to one shared code.

    ``ratio`` and ``partial_ratio`` depend only on the lengths of the two strings and on
    which characters of one equal which characters of the other. A character no wording
    uses equals nothing in any wording, whatever it is, so all such characters may share a
    code: a recoded name scores exactly as written against every recoded wording, and
    rapidfuzz compares single-byte strings several times faster than CJK text.
    """

    def __init__(self, alphabet: Sequence[str]) -> None:
        super().__init__({ord(ch): chr(code) for code, ch in enumerate(alphabet, start=1)})
        self.other = chr(len(alphabet) + 1)

    def __missing__(self, key: int) -> str:
        self[key] = self.other  # found in the dict from now on
        return self.other

    @classmethod
    def for_wordings(cls, wordings: Sequence[str]) -> _ByteCodes | None:
        """The table for these wordings, or None when their characters do not fit."""
        alphabet = sorted({ch for w in wordings for ch in w})
        return cls(alphabet) if len(alphabet) < 255 else None


class _Wording(NamedTuple):
    """What scoring needs of a normalised name; computed once per wording."""

    norm: str  # synonyms and noise rewritten
    coded: str  # norm through the index's _ByteCodes (norm itself without one)
    tokens: tuple[str, ...]
    segmented: str  # tokens joined by spaces, for token_set_ratio
    ids: tuple[int, ...]  # vocabulary ids of the tokens the catalog uses
    weight: float  # summed weights of all tokens
    head: int  # vocabulary id of the final token; -1 when unknown or none
    umbrellas: tuple[int, ...]  # group wordings (positions in umbrella_forms) norm contains


class _NameFeatures(NamedTuple):
    """A name as written: cleaned, and its normalised wording."""

    cleaned: str
    wording: _Wording


class _Scored(NamedTuple):
    """The arrays of :class:`NameScores`, one row per distinct (normalised name, section)."""

    score: np.ndarray
    form: np.ndarray
    recall: np.ndarray
    recall_name: np.ndarray
    precision: np.ndarray
    umbrella_score: np.ndarray
    umbrella_recall: np.ndarray
    ranking: np.ndarray


@dataclass(frozen=True)
class Form:
    entry: int  # index of the (primary) entry in catalog.entries
    text: str
    norm: str
    tokens: tuple[str, ...]
    kind: FormKind
    covers: tuple[str, ...] = ()  # ids an umbrella wording names besides its primary
    review: bool = False  # an umbrella whose members are different services

    @property
    def cleaned(self) -> str:
        return clean_name(self.text)


@dataclass(frozen=True)
class NameScores:
    """Scores of a batch of names; arrays are names × entries unless named otherwise."""

    score: np.ndarray  # best score of the entry's own wordings, 0–100
    form: np.ndarray  # index (into NameIndex.forms) of that best form
    recall: np.ndarray  # of that form: share of its weighted words the name and section have
    recall_name: np.ndarray  # the same from the name alone
    precision: np.ndarray  # share of the name's weighted words the form explains
    umbrella_score: np.ndarray  # names × umbrella forms (NameIndex.umbrella_forms)
    umbrella_recall: np.ndarray
    ranking: np.ndarray  # entries by descending score
    name_tokens: list[tuple[str, ...]]
    cleaned: list[str]  # names after clean_name
    norms: list[str]  # names normalised (synonyms, noise)
    # Rows are distinct (name, section) pairs: row_of[i] is the row of the i-th input name.
    row_of: np.ndarray
    # Per row, the group wordings (positions in NameIndex.umbrella_forms) its norm contains.
    contained_umbrellas: list[tuple[int, ...]]
    # Rows with the same number have the same normalised name and section: the same scores.
    scored_as: np.ndarray


class NameIndex:
    """Precomputed token weights and form matrices for one catalog."""

    def __init__(self, catalog: Catalog, forms: list[Form], shortlist: int = SHORTLIST) -> None:
        self.catalog = catalog
        self.shortlist = shortlist
        self.tokenizer = catalog.tokenizer
        self.forms = forms
        self.n_entries = len(catalog.entries)
        self.form_entry = np.array([f.entry for f in forms], dtype=np.int64)
        self.form_segmented = [" ".join(f.tokens) for f in forms]
        self.form_norms = [f.norm for f in forms]

        # Inverse document frequency over entries (canonical names and aliases, not umbrella
        # wordings, which repeat their members' words).
        entry_tokens: list[set[str]] = [set() for _ in range(self.n_entries)]
        for f in forms:
            if f.kind != "umbrella":
                entry_tokens[f.entry].update(f.tokens)
        vocab = sorted({t for f in forms for t in f.tokens})
        self.vocab = {t: i for i, t in enumerate(vocab)}
        df = np.array([sum(t in s for s in entry_tokens) for t in vocab], dtype=np.float64)
        idf = np.log1p(self.n_entries / np.maximum(df, 1.0))
        minor = self.tokenizer.rules.minor
        for t, i in self.vocab.items():
            if t in minor:
                idf[i] *= MINOR_WEIGHT
        self.weights = idf
        # A word the catalog never uses weighs like one that two entries share: unknown words
        # are neither noise nor proof of a different service.
        self.unknown_weight = math.log1p(self.n_entries / 2.0)

        self.form_matrix = np.zeros((len(forms), len(vocab)), dtype=np.float64)
        for r, f in enumerate(forms):
            for t in f.tokens:
                self.form_matrix[r, self.vocab[t]] = idf[self.vocab[t]]
        self.form_weight = np.maximum(self.form_matrix.sum(axis=1), 1e-9)
        self.form_is_umbrella = np.array([f.kind == "umbrella" for f in forms], dtype=bool)
        self.form_head = np.array([self.vocab[f.tokens[-1]] for f in forms], dtype=np.int64)
        # How much sharing the final word is worth: its weight relative to the rarest word.
        self.head_strength = idf[self.form_head] / idf.max()
        # An entry's score comes from its own wordings; umbrella wordings are scored apart
        # (they name groups, and must not lift any one member).
        self.umbrella_forms = np.array(
            [r for r, f in enumerate(forms) if f.kind == "umbrella"], dtype=np.int64
        )
        plain = np.array([r for r, f in enumerate(forms) if f.kind != "umbrella"], dtype=np.int64)
        self._entry_form_order = plain[np.argsort(self.form_entry[plain], kind="stable")]
        sorted_entries = self.form_entry[self._entry_form_order]
        self._entry_starts = np.searchsorted(sorted_entries, np.arange(self.n_entries))
        self._entry_bounds = [*self._entry_starts.tolist(), len(self._entry_form_order)]
        widest = max(
            b - a for a, b in zip(self._entry_bounds, self._entry_bounds[1:], strict=False)
        )
        self._entry_forms_padded = np.full((self.n_entries, widest), -1, dtype=np.int64)
        for e in range(self.n_entries):
            cols = self._entry_form_order[self._entry_bounds[e] : self._entry_bounds[e + 1]]
            self._entry_forms_padded[e, : len(cols)] = cols
        self._umbrella_norms = [forms[c].norm for c in self.umbrella_forms]
        self._token_weight = {t: float(idf[i]) for t, i in self.vocab.items()}
        self._codes = _ByteCodes.for_wordings(self.form_norms)
        self.form_coded = [
            n.translate(self._codes) if self._codes is not None else n for n in self.form_norms
        ]
        self._feature_cache: dict[str, _NameFeatures] = {}  # by name as written
        self._wording_cache: dict[str, _Wording] = {}  # by normalised name
        # Words a clause may hold that the rules read though no catalog wording holds them
        # (低保, 辅助生殖, 工伤, 进度, 毕业: they mark, block or doubt an item, say what is done
        # or whose insurance it is): such a clause is no aside.
        rules = self.tokenizer.rules
        self._rule_marks = tuple(
            {w for d in rules.discriminators for w in d.words}
            | set(rules.qualifiers)
            | set(rules.doubtful)
            | set(rules.documents)
            | set(rules.acts | rules.own_acts | rules.act_scope)
            | set(rules.whose | rules.former | rules.left)
            | set(rules.alternatives)
        )

    def __getstate__(self) -> dict[str, object]:
        # The caches need not travel to worker processes.
        caches = ("_feature_cache", "_wording_cache")
        return {k: v for k, v in self.__dict__.items() if k not in caches}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._feature_cache, self._wording_cache = {}, {}

    @classmethod
    def build(cls, catalog: Catalog) -> NameIndex:
        tok = catalog.tokenizer
        forms: list[Form] = []
        seen: set[tuple[int, str]] = set()

        def add(
            entry: int,
            text: str,
            kind: FormKind,
            covers: tuple[str, ...] = (),
            review: bool = False,
        ) -> None:
            norm, tokens = tok.normalize(text), tok.tokens(text)
            key = (entry, norm + "|" + "|".join(covers))
            if not tokens or key in seen:  # a wording of noise words only names nothing
                return
            seen.add(key)
            forms.append(Form(entry, text, norm, tokens, kind, covers, review))

        position = {e.id: i for i, e in enumerate(catalog.entries)}
        for i, entry in enumerate(catalog.entries):
            add(i, entry.canonical_name, "canonical")
            for alias in entry.aliases:
                add(i, alias, "alias")
        for group in catalog.umbrellas:
            add(
                position[group.member_ids[0]],
                group.wording,
                "umbrella",
                group.member_ids[1:],
                group.review,
            )
        return cls(catalog, forms)

    def weight_of(self, token: str) -> float:
        return self._token_weight.get(token, self.unknown_weight)

    def _features(self, name: str) -> _NameFeatures:
        found = self._feature_cache.get(name)
        if found is not None:
            return found
        cleaned = clean_name(self.without_asides(name))
        norm = self.tokenizer.rewrite(cleaned)  # what tokenizer.normalize(name) returns
        wording = self._wording_cache.get(norm)
        if wording is None:
            wording = self._wording(norm)
            if len(self._wording_cache) < FEATURE_CACHE_LIMIT:
                self._wording_cache[norm] = wording
        features = _NameFeatures(cleaned, wording)
        if len(self._feature_cache) < FEATURE_CACHE_LIMIT:
            self._feature_cache[name] = features
        return features

    def without_asides(self, name: str) -> str:
        """``name`` without the clauses after its first that say nothing the catalog or the
        rules know (社保登记地址变更,需要到哪些部门办理?: where to go, asked after the service):
        a question's clause after a comma or a question mark asks about the service named
        before it, and its words, unknown to every wording, only lower every score alike.
        A clause holding a word of any catalog wording or of a rule stays (报销,住院还是门诊)."""
        clauses = _CLAUSE_BREAK.split(name)
        if len(clauses) < 2:
            return name
        kept = [clauses[0]] + [c for c in clauses[1:] if c.strip() and self._says_something(c)]
        return "，".join(kept)

    def _says_something(self, clause: str) -> bool:
        cleaned = clean_name(clause)
        if any(w in cleaned for w in self._rule_marks):
            return True
        tokens = self.tokenizer.tokens_of_normalized(self.tokenizer.rewrite(cleaned))
        return any(t in self.vocab for t in tokens)

    def _wording(self, norm: str) -> _Wording:
        tokens = self.tokenizer.tokens_of_normalized(norm)
        vocab, weights, unknown = self.vocab, self._token_weight, self.unknown_weight
        return _Wording(
            norm=norm,
            coded=norm.translate(self._codes) if self._codes is not None else norm,
            tokens=tokens,
            segmented=" ".join(tokens),
            ids=tuple([vocab[t] for t in tokens if t in vocab]),
            weight=sum([weights.get(t, unknown) for t in tokens]),
            head=vocab.get(tokens[-1], -1) if tokens else -1,
            umbrellas=tuple([u for u, text in enumerate(self._umbrella_norms) if text in norm]),
        )

    def _indicator(self, id_lists: Sequence[Sequence[int]]) -> np.ndarray:
        """Rows × vocabulary, 1.0 where the row has the word."""
        m = np.zeros((len(id_lists), len(self.vocab)), dtype=np.float64)
        lengths = np.fromiter(map(len, id_lists), dtype=np.int64, count=len(id_lists))
        flat = np.fromiter(itertools.chain.from_iterable(id_lists), dtype=np.int64)
        m[np.repeat(np.arange(len(id_lists)), lengths), flat] = 1.0
        return m

    def _pair_scores(
        self, keys: np.ndarray, cols: np.ndarray, texts: list[_Wording]
    ) -> tuple[np.ndarray, np.ndarray]:
        """``token_set_ratio`` and ``partial_ratio`` of each (distinct wording ``keys[i]``,
        form ``cols[i]``) pair; the pairs come sorted by form.

        Each form is compared with all its wordings in one ``cdist`` call (both scorers are
        symmetric), so rapidfuzz prepares the form once instead of once per pair.
        """
        token_set = np.empty(len(keys), dtype=np.float32)
        partial = np.empty(len(keys), dtype=np.float32)
        segmented = np.array([t.segmented for t in texts], dtype=object)[keys]
        coded = np.array([t.coded for t in texts], dtype=object)[keys]
        starts = [0, *(np.flatnonzero(np.diff(cols)) + 1).tolist(), len(cols)]
        for a, b in zip(starts, starts[1:], strict=False):
            c = int(cols[a])
            token_set[a:b] = process.cdist(
                [self.form_segmented[c]],
                segmented[a:b].tolist(),
                scorer=fuzz.token_set_ratio,
                dtype=np.float32,
            )[0]
            partial[a:b] = process.cdist(
                [self.form_coded[c]],
                coded[a:b].tolist(),
                scorer=fuzz.partial_ratio,
                dtype=np.float32,
            )[0]
        return token_set, partial

    def _exact_pairs(
        self,
        score: np.ndarray,
        base: np.ndarray,
        rows: np.ndarray,
        cols: np.ndarray,
        row_text: np.ndarray,
        texts: list[_Wording],
    ) -> None:
        """Score the (row, form) pairs in place with both costly scorers, each distinct
        (wording, form) pair once."""
        if not len(rows):
            return
        pair = cols * len(texts) + row_text[rows]  # sorts by form, then wording
        unique, at = np.unique(pair, return_inverse=True)
        pair_cols, pair_keys = np.divmod(unique, len(texts))
        token_set, partial = self._pair_scores(pair_keys, pair_cols, texts)
        score[rows, cols] = base[rows, cols] + W_TOKEN_SET * token_set[at] + W_PARTIAL * partial[at]

    def _shortlisted(
        self, base: np.ndarray, row_text: np.ndarray, texts: list[_Wording]
    ) -> np.ndarray:
        """Form scores with the token-set and partial scorers run on a shortlist only.

        Those two scorers cost microseconds per pair, so they run on each name's
        ``shortlist`` most promising forms, ranked by the overlap and rapidfuzz's plain
        ``ratio`` over all pairs (cheap, vectorised), and then on every wording of the three
        entries that lead after that pass and on every group wording the name contains: the
        entries a decision looks at are scored in full. A form left off keeps the plain
        ratio in place of the other two (which are rarely below it): its score is, if
        anything, under-estimated, and it was behind the shortlist anyway.
        """
        n = len(row_text)
        ratio = process.cdist(
            [t.coded for t in texts],
            self.form_coded,
            scorer=fuzz.ratio,
            dtype=np.float32,
        )[row_text]
        score = base + (W_TOKEN_SET + W_PARTIAL) * ratio
        done = np.zeros(score.shape, dtype=bool)
        k = min(self.shortlist, len(self.forms))
        top = np.argpartition(-score, k - 1, axis=1)[:, :k]
        rows, cols = np.repeat(np.arange(n), k), top.ravel()
        self._exact_pairs(score, base, rows, cols, row_text, texts)
        done[rows, cols] = True

        leading = np.argsort(-self._entry_scores(score), axis=1)[:, :3]
        forms = self._entry_forms_padded[leading].reshape(n, -1)  # -1 pads
        rows = np.repeat(np.arange(n), forms.shape[1])
        cols = forms.ravel()
        keep = cols >= 0
        rows, cols = rows[keep], cols[keep]
        groups = [texts[t].umbrellas for t in row_text.tolist()]
        extra_rows = [r for r, found in enumerate(groups) for _ in found]
        extra_cols = [int(self.umbrella_forms[u]) for found in groups for u in found]
        rows = np.concatenate([rows, np.array(extra_rows, dtype=np.int64)])
        cols = np.concatenate([cols, np.array(extra_cols, dtype=np.int64)])
        todo = ~done[rows, cols]
        rows, cols = rows[todo], cols[todo]
        if len(rows):
            self._exact_pairs(score, base, rows, cols, row_text, texts)
        return score

    def _entry_scores(self, form_score: np.ndarray) -> np.ndarray:
        """Per entry, the best score of its own (non-umbrella) wordings."""
        ordered = form_score[:, self._entry_form_order]
        return np.maximum.reduceat(ordered, self._entry_starts, axis=1)

    def score(
        self,
        names: Sequence[str],
        sections: Sequence[str | None] | None = None,
        *,
        exhaustive: bool = False,
    ) -> NameScores:
        """Score every name (with its optional section) against every entry.

        Each distinct (name, section) pair gets a row, and rows whose names normalise alike
        (单位参保登记, “单位参保登记”手续办理) share their scores, computed once: a national
        crawl repeats names. ``exhaustive`` runs every scorer on every (name, form) pair instead
        of a shortlist.
        """
        # Rows: distinct (name, section) pairs, keyed by the name alone when there are no
        # sections (fewer objects for the garbage collector to track).
        keys: Sequence[object] = (
            names if sections is None else list(zip(names, sections, strict=True))
        )
        distinct: dict[object, int] = {}
        row_of = np.array([distinct.setdefault(k, len(distinct)) for k in keys], dtype=np.int64)
        row_names = list(distinct) if sections is None else [n for n, _ in distinct]
        row_sections = [None] * len(distinct) if sections is None else [s for _, s in distinct]
        features = [self._features(n) for n in row_names]
        # What is scored: each distinct (normalised name, section).
        scored_of: dict[object, int] = {}
        scored: list[tuple[_Wording, str | None]] = []
        scored_as: list[int] = []
        for f, sec in zip(features, row_sections, strict=True):
            key = f.wording.norm if sections is None else (f.wording.norm, sec)
            k = scored_of.setdefault(key, len(scored))
            if k == len(scored):
                scored.append((f.wording, sec))
            scored_as.append(k)
        at = np.array(scored_as, dtype=np.int64)
        found = self._score_distinct(scored, exhaustive)
        return NameScores(
            score=found.score[at],
            form=found.form[at],
            recall=found.recall[at],
            recall_name=found.recall_name[at],
            precision=found.precision[at],
            umbrella_score=found.umbrella_score[at],
            umbrella_recall=found.umbrella_recall[at],
            ranking=found.ranking[at],
            name_tokens=[f.wording.tokens for f in features],
            cleaned=[f.cleaned for f in features],
            norms=[f.wording.norm for f in features],
            row_of=row_of,
            contained_umbrellas=[f.wording.umbrellas for f in features],
            scored_as=at,
        )

    def _score_distinct(
        self, scored: list[tuple[_Wording, str | None]], exhaustive: bool
    ) -> _Scored:
        """The scores of distinct (normalised name, section) pairs, one row each."""
        tok = self.tokenizer
        vocab = self.vocab
        wordings = [w for w, _ in scored]
        context_ids = [
            tuple(vocab[t] for t in tok.tokens(sec) if t not in w.tokens and t in vocab)
            if sec
            else ()
            for w, sec in scored
        ]
        # The string scorers see each distinct normalised wording once.
        text_of: dict[str, int] = {}
        texts: list[_Wording] = []
        for w in wordings:
            if w.norm not in text_of:
                text_of[w.norm] = len(texts)
                texts.append(w)
        row_text = np.array([text_of[w.norm] for w in wordings], dtype=np.int64)

        q_name = self._indicator([w.ids for w in wordings])
        q_context = self._indicator(context_ids)
        shared = q_name @ self.form_matrix.T  # weight of the words name and form share
        shared_context = q_context @ self.form_matrix.T
        name_weight = np.array([w.weight for w in wordings], dtype=np.float64)
        recall_name = shared / self.form_weight[None, :]
        recall = np.minimum(
            1.0, (shared + CONTEXT_WEIGHT * shared_context) / self.form_weight[None, :]
        )
        precision = shared / np.maximum(name_weight, 1e-9)[:, None]
        # Umbrella wordings are short and generic: they are right only when the name says
        # nothing more specific, so for them precision counts as much as recall.
        b2 = np.where(self.form_is_umbrella, UMBRELLA_BETA**2, RECALL_BETA**2)[None, :]
        denominator = b2 * precision + recall
        overlap = np.where(
            denominator > 0, (1 + b2) * precision * recall / np.maximum(denominator, 1e-9), 0.0
        )
        # Names end in the act they name (补缴, 认定, 备案 …). Sharing a distinctive final
        # word is evidence on its own: 单位退休人员不足年限补缴 is a kind of 补缴.
        heads = np.array([w.head for w in wordings], dtype=np.int64)
        head_bonus = np.where(
            (heads[:, None] == self.form_head[None, :]) & (heads[:, None] >= 0),
            HEAD_BONUS * self.head_strength[None, :],
            0.0,
        )

        base = 100.0 * W_OVERLAP * overlap + head_bonus
        if exhaustive or len(self.forms) <= self.shortlist or not wordings:
            # The reference: both scorers on every pair, on the texts as they are.
            token_set = _all_pairs(
                [t.segmented for t in texts], self.form_segmented, fuzz.token_set_ratio
            )[row_text]
            partial = _all_pairs([t.norm for t in texts], self.form_norms, fuzz.partial_ratio)[
                row_text
            ]
            form_score = base + W_TOKEN_SET * token_set + W_PARTIAL * partial
        else:
            form_score = self._shortlisted(base, row_text, texts)
        form_score = np.minimum(100.0, form_score)
        # An empty name (all noise) matches nothing.
        form_score[name_weight <= 0] = 0.0

        entry_score = self._entry_scores(form_score)
        best_form = np.empty_like(entry_score, dtype=np.int64)
        bounds = self._entry_bounds
        for e in range(self.n_entries):
            cols = self._entry_form_order[bounds[e] : bounds[e + 1]]
            best_form[:, e] = cols[np.argmax(form_score[:, cols], axis=1)]
        rows = np.arange(len(wordings))[:, None]
        return _Scored(
            score=entry_score,
            form=best_form,
            recall=recall[rows, best_form],
            recall_name=recall_name[rows, best_form],
            precision=precision[rows, best_form],
            umbrella_score=form_score[:, self.umbrella_forms],
            umbrella_recall=recall[:, self.umbrella_forms],
            ranking=np.argsort(-entry_score, axis=1, kind="stable"),
        )
