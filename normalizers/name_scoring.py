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

Tokenising goes through :class:`normalizers.tokenize.NameTokenizer`, cached per name.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
from rapidfuzz import fuzz, process

from normalizers.tokenize import clean_name

if TYPE_CHECKING:
    from normalizers.catalog import Catalog

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


@dataclass(frozen=True)
class Form:
    entry: int  # index of the (primary) entry in catalog.entries
    text: str
    norm: str
    tokens: tuple[str, ...]
    kind: FormKind
    covers: tuple[str, ...] = ()  # ids an umbrella wording names besides its primary

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
        self._umbrella_norm_cols = [(forms[c].norm, int(c)) for c in self.umbrella_forms]

    @classmethod
    def build(cls, catalog: Catalog) -> NameIndex:
        tok = catalog.tokenizer
        forms: list[Form] = []
        seen: set[tuple[int, str]] = set()

        def add(entry: int, text: str, kind: FormKind, covers: tuple[str, ...] = ()) -> None:
            norm, tokens = tok.normalize(text), tok.tokens(text)
            key = (entry, norm + "|" + "|".join(covers))
            if not tokens or key in seen:  # a wording of noise words only names nothing
                return
            seen.add(key)
            forms.append(Form(entry, text, norm, tokens, kind, covers))

        position = {e.id: i for i, e in enumerate(catalog.entries)}
        for i, entry in enumerate(catalog.entries):
            add(i, entry.canonical_name, "canonical")
            for alias in entry.aliases:
                add(i, alias, "alias")
        for group in catalog.umbrellas:
            add(position[group.member_ids[0]], group.wording, "umbrella", group.member_ids[1:])
        return cls(catalog, forms)

    def weight_of(self, token: str) -> float:
        i = self.vocab.get(token)
        return float(self.weights[i]) if i is not None else self.unknown_weight

    def _token_matrix(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        m = np.zeros((len(token_lists), len(self.vocab)), dtype=np.float64)
        for r, tokens in enumerate(token_lists):
            for t in tokens:
                i = self.vocab.get(t)
                if i is not None:
                    m[r, i] = 1.0
        return m

    def _exact_pairs(
        self,
        score: np.ndarray,
        base: np.ndarray,
        rows: np.ndarray,
        cols: np.ndarray,
        segmented: list[str],
        norms: list[str],
    ) -> None:
        """Score the (row, form) pairs in place with both costly scorers."""
        if not len(rows):
            return
        token_set = process.cpdist(
            [segmented[r] for r in rows],
            [self.form_segmented[c] for c in cols],
            scorer=fuzz.token_set_ratio,
            dtype=np.float32,
            workers=-1,
        )
        partial = process.cpdist(
            [norms[r] for r in rows],
            [self.form_norms[c] for c in cols],
            scorer=fuzz.partial_ratio,
            dtype=np.float32,
            workers=-1,
        )
        score[rows, cols] = base[rows, cols] + W_TOKEN_SET * token_set + W_PARTIAL * partial

    def _shortlisted(self, base: np.ndarray, segmented: list[str], norms: list[str]) -> np.ndarray:
        """Form scores with the token-set and partial scorers run on a shortlist only.

        Those two scorers cost microseconds per pair, so they run on each name's
        ``shortlist`` most promising forms, ranked by the overlap and rapidfuzz's plain
        ``ratio`` over all pairs (cheap, vectorised), and then on every wording of the three
        entries that lead after that pass and on every group wording the name contains: the
        entries a decision looks at are scored in full. A form left off keeps the plain
        ratio in place of the other two (which are rarely below it): its score is, if
        anything, under-estimated, and it was behind the shortlist anyway.
        """
        n = len(norms)
        ratio = process.cdist(
            norms, self.form_norms, scorer=fuzz.ratio, dtype=np.float32, workers=-1
        )
        score = base + (W_TOKEN_SET + W_PARTIAL) * ratio
        done = np.zeros(score.shape, dtype=bool)
        k = min(self.shortlist, len(self.forms))
        top = np.argpartition(-score, k - 1, axis=1)[:, :k]
        rows, cols = np.repeat(np.arange(n), k), top.ravel()
        self._exact_pairs(score, base, rows, cols, segmented, norms)
        done[rows, cols] = True

        leading = np.argsort(-self._entry_scores(score), axis=1)[:, :3]
        forms = self._entry_forms_padded[leading].reshape(n, -1)  # -1 pads
        rows = np.repeat(np.arange(n), forms.shape[1])
        cols = forms.ravel()
        keep = cols >= 0
        rows, cols = rows[keep], cols[keep]
        extra_rows = [
            r for r, norm in enumerate(norms) for u in self._umbrella_norm_cols if u[0] in norm
        ]
        extra_cols = [u[1] for norm in norms for u in self._umbrella_norm_cols if u[0] in norm]
        rows = np.concatenate([rows, np.array(extra_rows, dtype=np.int64)])
        cols = np.concatenate([cols, np.array(extra_cols, dtype=np.int64)])
        todo = ~done[rows, cols]
        pairs = np.unique(np.stack([rows[todo], cols[todo]], axis=1), axis=0)
        if len(pairs):
            self._exact_pairs(score, base, pairs[:, 0], pairs[:, 1], segmented, norms)
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

        Each distinct (name, section) pair is scored once: a national crawl repeats names.
        ``exhaustive`` runs every scorer on every (name, form) pair instead of a shortlist.
        """
        tok = self.tokenizer
        pairs = list(
            zip(names, sections if sections is not None else [None] * len(names), strict=True)
        )
        distinct: dict[tuple[str, str | None], int] = {}
        row_of = np.array([distinct.setdefault(p, len(distinct)) for p in pairs], dtype=np.int64)
        names = [n for n, _ in distinct]
        sections = [sec for _, sec in distinct]
        name_tokens = [tok.tokens(n) for n in names]
        context_tokens = [
            tuple(t for t in tok.tokens(s) if t not in nt) if s else ()
            for s, nt in zip(sections, name_tokens, strict=True)
        ]
        cleaned = [clean_name(n) for n in names]
        norms = [tok.rewrite(c) for c in cleaned]
        segmented = [" ".join(t) for t in name_tokens]

        q_name = self._token_matrix(name_tokens)
        q_context = self._token_matrix(context_tokens)
        shared = q_name @ self.form_matrix.T  # weight of the words name and form share
        shared_context = q_context @ self.form_matrix.T
        name_weight = np.array(
            [sum(self.weight_of(t) for t in tokens) for tokens in name_tokens], dtype=np.float64
        )
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
        heads = np.array([self.vocab.get(t[-1], -1) if t else -1 for t in name_tokens])
        head_bonus = np.where(
            (heads[:, None] == self.form_head[None, :]) & (heads[:, None] >= 0),
            HEAD_BONUS * self.head_strength[None, :],
            0.0,
        )

        base = 100.0 * W_OVERLAP * overlap + head_bonus
        if exhaustive or len(self.forms) <= self.shortlist or not names:
            token_set = process.cdist(
                segmented,
                self.form_segmented,
                scorer=fuzz.token_set_ratio,
                dtype=np.float32,
                workers=-1,
            )
            partial = process.cdist(
                norms, self.form_norms, scorer=fuzz.partial_ratio, dtype=np.float32, workers=-1
            )
            form_score = base + W_TOKEN_SET * token_set + W_PARTIAL * partial
        else:
            form_score = self._shortlisted(base, segmented, norms)
        form_score = np.minimum(100.0, form_score)
        # An empty name (all noise) matches nothing.
        form_score[name_weight <= 0] = 0.0

        entry_score = self._entry_scores(form_score)
        best_form = np.empty_like(entry_score, dtype=np.int64)
        bounds = self._entry_bounds
        for e in range(self.n_entries):
            cols = self._entry_form_order[bounds[e] : bounds[e + 1]]
            best_form[:, e] = cols[np.argmax(form_score[:, cols], axis=1)]
        rows = np.arange(len(names))[:, None]
        return NameScores(
            score=entry_score,
            form=best_form,
            recall=recall[rows, best_form],
            recall_name=recall_name[rows, best_form],
            precision=precision[rows, best_form],
            umbrella_score=form_score[:, self.umbrella_forms],
            umbrella_recall=recall[:, self.umbrella_forms],
            ranking=np.argsort(-entry_score, axis=1, kind="stable"),
            name_tokens=name_tokens,
            cleaned=cleaned,
            norms=norms,
            row_of=row_of,
        )
