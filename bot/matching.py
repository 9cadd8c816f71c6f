"""Finding the FAQ entry that answers a message, or saying honestly that none does.

How a message is scored, in order:
1. Normalise (`text.normalize`), read numbers said to voice typing as digits
   (`spoken_numbers`), put back words voice typing split in two, correct typos against the words
   the FAQ knows, read colloquial words as their canonical ones (the vocabulary), drop function
   words, fold suffixes (`text.stem`). A short reply to the bot ("ok entiendo") asks nothing. Long
   messages are split into sentences and pairs of sentences: the question is often the last part
   of a story. Where a message asks something, only the asking sentences stand alone.
2. Evidence, per segment: coverage (how much of the segment's information, words weighted by
   rarity, an entry's phrasings account for; words the FAQ never uses count against every entry,
   which keeps "how do I get a divorce" out; words the vocabulary marks as another legal area,
   `offtopic`, count several times over, except against emergency entries) and phrase similarity (shared rare words and RapidFuzz
   token ratios against the entry's closest phrasings).
3. Naive Bayes over the whole message ranks the candidates: trained on the FAQ's own phrasings,
   it tells close neighbours apart ("asylum fees" vs "asylum application") far better than
   overlap alone. Being normalised over entries, it cannot say "none of them"; that stays the
   evidence score's job. A long message adds to the evidence in proportion to how many known words
   it has and how clearly Bayes points at one entry.
4. Named thresholds turn the ranking and the evidence into a band. Middling evidence still gives an
   answer when naive Bayes is sure of the entry and the message is mostly words the FAQ knows;
   high evidence does not when naive Bayes all but rules the entry out. An entry whose `requires`
   the message lacks is only offered. One everyday word alone ("trabajo") is never an emergency.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from enum import Enum
from typing import Final

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.language import (
    ACKNOWLEDGEMENTS,
    ALARM_WORDS,
    NAMES,
    PLACES,
    PLEAS,
    REQUESTS,
    SHORT_REPLY,
    SPANISH_ACKNOWLEDGEMENTS,
    SPANISH_WORDS,
    STOP_WORDS,
    LanguageVotes,
    detect_language,
    name_words,
    proper_nouns,
    without_form_labels,
)
from bot.model import LANGS, Entry, Faq, Lang
from bot.spoken_numbers import spoken_numbers
from bot.text import normalize, sentences, spanish_sound, stem
from bot.vocabulary import OFF_TOPIC, Vocabulary


class Band(str, Enum):
    """How sure the matcher is, and so what the bot does with the message."""

    URGENT = "urgent"  # an emergency entry: answer at once, before anything else
    ANSWER = "answer"  # confident: show the entry
    SUGGEST = "suggest"  # not sure: offer up to three entries
    NONE = "none"  # out of scope: say so, offer the menu and the consultation


@dataclass(frozen=True)
class Thresholds:
    """Named cut-offs on the 0-100 score; tuned on the labelled set, kept round on purpose."""

    urgent: float = 50.0  # an emergency entry at least this sure is shown at once
    urgent_margin: float = 12.0  # ... even when a non-urgent entry scores up to this much higher
    urgent_yield: float = 20.0  # ... unless that entry is sure and has this much more evidence
    urgent_backed: float = 40.0  # ... or this much, when it leads all entries by urgent_lead
    urgent_lead: float = 10.0
    urgent_probability: float = 0.4  # ... and naive Bayes gives it at least this probability
    answer: float = 56.0  # a confident answer needs this evidence
    margin: float = 2.0  # ... and this lead over the runner-up (a near tie is offered as a choice)
    sure: float = 80.0  # above this, no lead is needed
    answer_probability: float = 0.03  # ... unless naive Bayes gives the entry less than this: the two disagree outright
    off_topic_probability: float = 0.7  # ... or less than this, when the message also names another legal area
    backed: float = 50.0  # ... or this much evidence, when naive Bayes is sure of the entry (below)
    backed_probability: float = 0.7  # naive Bayes probability that makes it sure
    backed_unknown: float = 0.3  # ... provided at most this share of the message is words the FAQ never uses
    suggest: float = 36.0  # below this, nothing is offered
    suggest_spread: float = 25.0  # suggestions lie within this distance of the best


DEFAULT_THRESHOLDS: Final = Thresholds()

MAX_SUGGESTIONS: Final = 3
CANDIDATES: Final = 8  # entries whose phrasings are compared one by one
SEGMENT_CANDIDATES: Final = 3  # ... and the best few of every segment
POINTING_BACK: Final = 1  # a question with this few content words asks about the sentence before it
COVERAGE_WEIGHT: Final = 0.55
PHRASE_WEIGHT: Final = 1.0 - COVERAGE_WEIGHT
MAX_SEGMENTS: Final = 40
COMMON_POSTINGS: Final = 400  # a word in more entries than this only adds to entries already found
FUZZY_PHRASES: Final = 6  # phrasings per entry compared character by character
MIN_CORRECTION_LENGTH: Final = 4
MIN_SOUND_LENGTH: Final = 3  # "ase" (hace), "iso" (hizo): spelled by ear, yet certain
SPLIT_WORD: Final = 7  # a word split in two by voice typing is put back with a slip only from this length
LONG_WORD: Final = 9  # a typo may change one letter of a word, or two of a word this long
KEYWORD_PHRASE_WORD: Final = 0.5  # how typical of an entry each word of a multi-word keyword is
BAYES_ALPHA: Final = 0.5  # naive Bayes smoothing
BAYES_POOL: Final = 200  # in a large FAQ, Bayes looks only at the entries with the best coverage
BAYES_CANDIDATES: Final = 30  # entries whose Bayes probability is computed exactly
BAYES_WEIGHT: Final = 0.4  # share of the naive Bayes probability in the final score
LONG_STORY_SENTENCES: Final = 6  # beyond this, the closing sentences get a say of their own
STORY_BONUS: Final = 25.0  # confidence added for a long message whose words point to one entry
STORY_WORDS_FROM: Final = 3  # known words before the bonus starts
STORY_WORDS_SPAN: Final = 8.0  # known words over which it grows to full
UNKNOWN_WORD_WEIGHT: Final = 1.0  # a word no entry uses weighs this much of the rarest word: the out-of-scope signal
OFF_TOPIC_WEIGHT: Final = 3.0  # ... which weigh this many unknown words: "divorce" says more than "tamales"
F1_SHARE: Final = 0.5  # best phrasing by shared rare words (F1) vs by fuzzy string ratio
SET_SHARE: Final = 0.5  # token_set_ratio (forgives extra words) vs token_sort_ratio (does not)
INFORMATION_MASS: Final = 3.0  # rarity-weighted words a message needs before its coverage counts fully  # how much a word found only in an entry's answer counts


@dataclass(frozen=True)
class Match:
    """The matcher's verdict. `entry_id` is set only for the urgent and answer bands."""

    band: Band
    entry_id: str | None
    score: float
    lang: Lang
    suggestions: tuple[str, ...]
    ranking: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class _Backing:
    """What naive Bayes and the unknown words say about a message, beside the evidence score."""

    posterior: dict[int, float]  # entry index -> probability
    unknown: float  # share of the message's information in words the FAQ never uses
    off_topic: bool  # the message names another legal area
    content: frozenset[str] = frozenset()  # the message's content words, as stems


@dataclass(frozen=True)
class _Phrase:
    entry: int
    lang: Lang | None
    text: str  # content stems joined by spaces
    terms: frozenset[str] = frozenset()
    mass: float = 1.0  # the terms' summed rarity (idf)


class Matcher:
    """An index over one FAQ. Build it once per FAQ load; `match` is then pure and fast."""

    def __init__(self, faq: Faq, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> None:
        self.faq = faq
        self.thresholds = thresholds
        self._entries: tuple[Entry, ...] = faq.entries
        self._replace = Vocabulary(faq.synonyms)
        self._corrections: dict[str, str] = {}
        # The FAQ's texts as words, each worked out once: questions and keywords are read again by the
        # naive Bayes index and by the collision check.
        self._normalized: dict[str, str] = {}
        self._word_cache: dict[str, list[str]] = {}
        self._build()

    # -- index ---------------------------------------------------------------------------------

    def _build(self) -> None:
        phrases: list[_Phrase] = []
        by_entry: list[list[int]] = [[] for _ in self._entries]
        words_by_lang: dict[Lang, list[str]] = {lang: [] for lang in LANGS}
        known: set[str] = set()
        strength: list[dict[str, float]] = []
        for index, entry in enumerate(self._entries):
            share: dict[str, float] = defaultdict(float)
            for lang in LANGS:
                texts = [*entry.questions[lang], entry.title[lang]]
                counts: dict[str, int] = defaultdict(int)
                for raw in entry.questions[lang]:  # titles may quote the other language: "Bond (fianza)"
                    words_by_lang[lang].extend(w for w in self._normal(raw).split() if w not in STOP_WORDS)
                for raw in texts:
                    words = self.faq_words(raw)
                    content = [w for w in words if w not in STOP_WORDS]
                    known.update(content)
                    stems = [stem(w) for w in content]
                    for s in set(stems):
                        counts[s] += 1
                    if stems:
                        by_entry[index].append(len(phrases))
                        phrases.append(_Phrase(index, lang, " ".join(stems)))
                for s, count in counts.items():
                    share[s] = max(share[s], count / len(texts))
                for keyword in entry.keywords[lang]:
                    words_by_lang[lang].extend(w for w in self._normal(keyword).split() if w not in STOP_WORDS)
                    words = [w for w in self.faq_words(keyword) if w not in STOP_WORDS]
                    known.update(words)
                    # A one-word keyword is a strong sign; each word of a phrase only half of one.
                    weight = 1.0 if len(words) == 1 else KEYWORD_PHRASE_WORD
                    for w in words:
                        share[stem(w)] = max(share[stem(w)], weight)
            strength.append({s: 0.4 + 0.6 * min(1.0, f) for s, f in share.items()})
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, weights in enumerate(strength):
            for s, weight in weights.items():
                postings[s].append((index, weight))
        count = max(1, len(self._entries))
        self._idf = {s: math.log(1.0 + count / len(p)) for s, p in postings.items()}
        self._unknown_idf = UNKNOWN_WORD_WEIGHT * math.log(1.0 + count / 0.75)
        # Words of another legal area (the vocabulary reads them as OFF_TOPIC) weigh more than unknown
        # ones, except against emergencies: "ICE took my husband, we are divorcing" is still one.
        self._off_topic = stem(OFF_TOPIC)
        self._off_topic_surplus = (OFF_TOPIC_WEIGHT - 1.0) * self._unknown_idf
        # Words that only colour the others: cries for help ("auxilio" reads as "emergencia", so it
        # is not one) and requests for information. Beside topic words they are dropped; a request
        # alone ("info", "gracias por la información") asks about nothing in particular.
        self._pleas = frozenset(stem(w) for w in PLEAS | REQUESTS if self._replace(w) == w)
        self._requests = frozenset(stem(w) for w in REQUESTS if self._replace(w) == w)
        self._alarms = frozenset(stem(x) for w in ALARM_WORDS for x in self._replace(w).split())
        self._urgent = frozenset(i for i, entry in enumerate(self._entries) if entry.urgent)
        self._postings = dict(postings)
        self._posting_maps = {term: dict(p) for term, p in postings.items()}
        self._phrases = [
            _Phrase(p.entry, p.lang, p.text, frozenset(p.text.split()), sum(self._idf.get(t, 0.0) for t in dict.fromkeys(p.text.split())) or 1.0)
            for p in phrases
        ]
        self._phrases_of = by_entry
        self._build_bayes()
        self._phrase_postings: list[dict[str, list[int]]] = []
        for indexes in by_entry:
            entry_postings: dict[str, list[int]] = defaultdict(list)
            for phrase_index in indexes:
                for term in set(self._phrases[phrase_index].text.split()):
                    entry_postings[term].append(phrase_index)
            self._phrase_postings.append(dict(entry_postings))
        for synonym in self.faq.synonyms:  # "deadlin" should find "deadline" before it becomes "plazo"
            for variant in synonym.variants:
                known.update(w for w in normalize(variant).split() if w not in STOP_WORDS)
        self._known_set = frozenset(known)
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(known):
            by_length[len(word)].append(word)
        self._known_by_length = dict(by_length)  # a word a few slips away is about as long
        self._votes = LanguageVotes.count(words_by_lang[Lang.EN], words_by_lang[Lang.ES])
        # Spanish written by ear: each sound key leads to the Spanish word that sounds so; a function
        # word first ("ase" is "hace"), then the word the FAQ uses most.
        frequency = Counter(words_by_lang[Lang.ES])
        by_sound: dict[str, str] = {}
        for word in [*sorted(SPANISH_WORDS), *sorted(frequency, key=lambda w: (-frequency[w], w))]:
            by_sound.setdefault(spanish_sound(word), word)
        self._by_sound = by_sound

    def _build_bayes(self) -> None:
        """Word counts per entry for a naive Bayes ranking: which entry's phrasings use these words."""
        counts: list[dict[str, float]] = [defaultdict(float) for _ in self._entries]
        for phrase in self._phrases:
            for term in phrase.terms:
                counts[phrase.entry][term] += 1.0
        for index, entry in enumerate(self._entries):
            for lang in LANGS:
                for keyword in entry.keywords[lang]:
                    for w in self.faq_words(keyword):
                        if w not in STOP_WORDS:
                            counts[index][stem(w)] += 1.0
        vocabulary = {term for c in counts for term in c}
        self._bayes_totals = [sum(c.values()) for c in counts]
        self._bayes_vocabulary = max(1, len(vocabulary))
        self._bayes_counts = counts
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, c in enumerate(counts):
            for term, count in c.items():
                postings[term].append((index, math.log((count + BAYES_ALPHA) / BAYES_ALPHA)))
        self._bayes_postings = dict(postings)
        self._bayes_maps = {term: dict(p) for term, p in postings.items()}
        self._bayes_norms: dict[int, float] = {}
        self._bayes_log_denominators = [math.log(t + BAYES_ALPHA * self._bayes_vocabulary) for t in self._bayes_totals]

    def _bayes_base(self, index: int, terms: int, excluded: _Phrase | None) -> float:
        if excluded is not None and excluded.entry == index:
            total = self._bayes_totals[index] - len(excluded.terms)
            return -terms * math.log(total + BAYES_ALPHA * self._bayes_vocabulary)
        return -terms * self._bayes_log_denominators[index]

    def _bayes_norm(self, terms: int) -> float:
        """log of the sum over all entries of exp(base), cached per query length."""
        cached = self._bayes_norms.get(terms)
        if cached is None:
            bases = [-terms * d for d in self._bayes_log_denominators]
            top = max(bases)
            cached = top + math.log(sum(math.exp(b - top) for b in bases))
            if len(self._bayes_norms) < 256:
                self._bayes_norms[terms] = cached
        return cached

    def _posterior(self, stems: list[str], excluded: int | None, among: list[int] | None = None) -> dict[int, float]:
        """Naive Bayes probability of the likeliest entries given the message's words.

        Words no entry uses are skipped. Entries outside the best few are counted in the
        normaliser as if they shared no word (a slight overestimate of the winners, never of
        the losers).
        """
        terms = [t for t in dict.fromkeys(stems) if t in self._bayes_postings]
        if not terms:
            return {}
        left_out = self._phrases[excluded] if excluded is not None else None
        gains: dict[int, float] = defaultdict(float)
        if among is None:
            for term in terms:
                for index, gain in self._bayes_postings[term]:
                    gains[index] += gain
        else:
            for term in terms:
                term_gains = self._bayes_maps[term]
                for index in among:
                    gain = term_gains.get(index)
                    if gain is not None:
                        gains[index] += gain
        if left_out is not None:
            for term in left_out.terms & set(terms):
                count = self._bayes_counts[left_out.entry][term]
                gains[left_out.entry] += math.log((count - 1.0 + BAYES_ALPHA) / (count + BAYES_ALPHA))
        n = len(terms)
        best = heapq.nlargest(BAYES_CANDIDATES, gains, key=lambda i: gains[i] - n * self._bayes_log_denominators[i])
        logits = {i: gains[i] + self._bayes_base(i, n, left_out) for i in best}
        norm_all = self._bayes_norm(n)
        top = max(norm_all, *logits.values())
        rest = math.exp(norm_all - top) - sum(math.exp(-n * self._bayes_log_denominators[i] - top) for i in logits)
        z = max(rest, 0.0) + sum(math.exp(v - top) for v in logits.values())
        return {i: math.exp(v - top) / z for i, v in logits.items()}

    def faq_words(self, raw: str) -> list[str]:
        """An FAQ text's words as the matcher reads them, after the vocabulary; an off-topic word there is
        ignored, so it stays a sign against every entry."""
        words = self._word_cache.get(raw)
        if words is None:
            words = self._word_cache[raw] = [w for w in self._replace(self._normal(raw)).split() if w != OFF_TOPIC]
        return words

    def _normal(self, raw: str) -> str:
        normal = self._normalized.get(raw)
        if normal is None:
            normal = self._normalized[raw] = normalize(raw)
        return normal

    def _is_faq_word(self, word: str) -> bool:
        """Whether the FAQ uses the word, as it is or as a vocabulary variant ("salvador")."""
        return word in self._known_set or stem(word) in self._idf or (word,) in self._replace.table or word in self._replace.plurals

    def _correct(self, word: str, by_ear: bool = False) -> str:
        """Map a word the FAQ does not know to the closest one it does ("fiansa" -> "fianza").

        In a Spanish message (`by_ear`), a word spelled as it sounds comes first: "nesesito" is
        "necesito", "ase" is "hace". Not in English ones, where "able" is not "hable".
        """
        if "k" in word and (word,) not in self._replace.table:  # texting: "kiere", "aki", "kitaron", "kuando"
            spelled = _TEXTING_K.sub(lambda m: "qu" if m.group(1) else "c", word)
            if spelled in STOP_WORDS or spelled in self._known_set or stem(spelled) in self._idf:
                return spelled
        if word.isdigit() or len(word) < MIN_SOUND_LENGTH:
            return word
        # Even a word the FAQ has: "deportasion", typed once in a phrasing, is "deportacion".
        # A misspelling the vocabulary lists ("audiensia") becomes the word it sounds like when both mean
        # the same, so phrases spelled right match too: "perdi la audiensia" is "perdi la audiencia".
        if by_ear and (sounded := self._by_sound.get(spanish_sound(word))) is not None:
            table = self._replace.table
            if (word,) not in table or table.get((sounded,), sounded) == table[(word,)]:
                return sounded
        if word in self._known_set or stem(word) in self._idf:
            return word
        if len(word) < MIN_CORRECTION_LENGTH:
            return word
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        # The known words fewest slips away; among them swapped letters ("cots": "cost", not "cops"),
        # then the most alike.
        edits = _max_edits(word)
        near = [w for n in range(len(word) - edits, len(word) + edits + 1) for w in self._known_by_length.get(n, ())]
        found = process.extract(word, near, scorer=OSA.distance, processor=None, score_cutoff=edits, limit=None)
        letters = sorted(word)
        corrected = min(found, key=lambda f: (f[1], sorted(f[0]) != letters, -fuzz.ratio(word, f[0]), f[0]))[0] if found else word
        if len(self._corrections) < 50_000:
            self._corrections[word] = corrected
        return corrected

    # -- matching ------------------------------------------------------------------------------

    def match(self, text: str, fallback: Lang = Lang.EN, exclude: tuple[str, Lang, int] | None = None) -> Match:
        """Score every entry against `text` and pick a band.

        Args:
            text: the user's message, as typed.
            fallback: the language to assume when the message gives no clue (e.g. "ICE").
            exclude: (entry id, language, question index) to leave out of phrase comparison; the
                validator uses it to ask where a phrasing would go if it were not in the FAQ.
        """
        text = without_form_labels(text)
        tokens = spoken_numbers(normalize(text).split())
        if _only_replies(tokens):
            spanish = any(t in SPANISH_ACKNOWLEDGEMENTS for t in tokens)
            return Match(Band.NONE, None, 0.0, Lang.ES if spanish else detect_language(text, tokens, self._votes, fallback), (), ())
        names = (
            name_words(tokens, self._is_faq_word)
            | {t for t in tokens if t in PLACES and not self._is_faq_word(t)}
            | proper_nouns(text, self._is_faq_word)
        )
        lang = detect_language(text, [t for t in tokens if t not in NAMES], self._votes, fallback)
        excluded = self._excluded_phrase(exclude)
        segments = [stems for stems in (self._content(s, names, lang) for s in self._segments(text)) if stems]
        if any(t in self._idf and t not in self._pleas for stems in segments for t in stems):
            segments = [kept for stems in segments if (kept := [t for t in stems if t not in self._pleas])]
        else:
            segments = [kept for stems in segments if (kept := [t for t in stems if t not in self._requests])]
        if any(self._off_topic in stems for stems in segments) and self._asks_off_topic(text, names, lang):
            # "How do I apply for citizenship? I have had my green card 6 years": the green card is context.
            segments = [stems if self._off_topic in stems else [*stems, self._off_topic] for stems in segments]
        coverages = [self._coverage(stems) for stems in segments]
        # The best few entries by coverage in any segment are compared phrasing by phrasing, each
        # on the two segments that cover it best.
        best: dict[int, float] = {}
        for coverage in coverages:
            for index, value in coverage.items():
                if value > best.get(index, 0.0):
                    best[index] = value
        candidates = heapq.nlargest(CANDIDATES, best, key=best.__getitem__)
        # A short question beside a story ("¿Le pueden dar asilo?") covers every asylum entry alike and
        # would fill the list alone: each segment's own best entries are compared too.
        for coverage in coverages:
            candidates.extend(i for i in heapq.nlargest(SEGMENT_CANDIDATES, coverage, key=coverage.__getitem__) if i not in candidates)
        scores: dict[int, float] = {}
        for index in candidates:
            covering = ((coverage.get(index, 0.0), position) for position, coverage in enumerate(coverages))
            for value, position in heapq.nlargest(2, covering):
                phrase = self._phrase_similarity(segments[position], index, excluded)
                score = 100.0 * COVERAGE_WEIGHT * value + PHRASE_WEIGHT * phrase
                scores[index] = max(scores.get(index, 0.0), score)
        # Naive Bayes over the whole message decides the order among close candidates; it is
        # normalised over entries, so it says nothing about being out of scope: the coverage-based
        # score keeps that role through the blend.
        among = heapq.nlargest(BAYES_POOL, best, key=best.__getitem__) if len(best) > BAYES_POOL else None
        posterior = self._posterior([t for stems in segments for t in stems], excluded, among)
        parts = sentences(text)
        if len(parts) > LONG_STORY_SENTENCES:
            # In a long story the many words of the story drown the question that closes it: the
            # last two sentences weigh as much as all the rest.
            tail = [t for part in parts[-2:] for t in self._content(part, names, lang) if t not in self._pleas]
            ending = self._posterior(tail, excluded, among)
            if ending:
                posterior = {i: 0.5 * posterior.get(i, 0.0) + 0.5 * ending.get(i, 0.0) for i in posterior.keys() | ending.keys()}
        for index, probability in posterior.items():
            if index not in scores and probability > 0.2:
                scores[index] = 0.0
        blended = {i: (1.0 - BAYES_WEIGHT) * v + BAYES_WEIGHT * 100.0 * posterior.get(i, 0.0) for i, v in scores.items()}
        # A long story dilutes coverage in every sentence, yet gives naive Bayes many words to go on.
        known = len({t for stems in segments for t in stems if t in self._bayes_postings})
        weight = STORY_BONUS * min(1.0, max(0.0, (known - STORY_WORDS_FROM) / STORY_WORDS_SPAN))
        if weight:
            scores = {i: v + weight * posterior.get(i, 0.0) for i, v in scores.items()}
        order = sorted(blended, key=lambda i: (-blended[i], i))
        every = dict.fromkeys(t for stems in segments for t in stems)
        mass = sum(self._idf.get(t, self._unknown_idf) for t in every)
        unknown = sum(self._unknown_idf for t in every if t not in self._idf) / mass if mass else 1.0
        backing = _Backing(posterior, unknown, self._off_topic in every, frozenset(every))
        # `requires` looks at the words as typed and as understood: "a silo" (voice typing) is asylum.
        return self._decide(order, blended, scores, lang, [*tokens, *every], backing)

    def _asks_off_topic(self, text: str, names: frozenset[str], lang: Lang) -> bool:
        """Whether the question itself is about another legal area, not only the story around it.

        "My grandma has a traffic ticket at the courthouse. Can ICE arrest her there?" asks about ICE.
        """
        parts = sentences(text)
        contents = [self._content(part, names, lang) for part in parts]
        off = [self._off_topic in content for content in contents]
        if not any(off):
            return False
        asked = [part.rstrip().endswith("?") for part in parts]
        # The part before a question asks with it when the question only points back ("¿Cómo es el
        # proceso?", "how long does it take?") or when a comma joins them ("con un I-130, ¿cuánto tarda?").
        asked = [
            a or (i + 1 < len(parts) and asked[i + 1] and (part.rstrip().endswith(",") or len(contents[i + 1]) <= POINTING_BACK))
            for i, (part, a) in enumerate(zip(parts, asked))
        ]
        return not any(asked) or any(o and a for o, a in zip(off, asked))

    def _segments(self, text: str) -> list[str]:
        parts = sentences(text)
        if len(parts) <= 1:
            return [text]
        parts = parts[-MAX_SEGMENTS:]
        # Alone, a sentence counts only if it asks: "Can I petition for my mom? I'm a US citizen" is
        # not about citizens' rights. Beside its neighbours, every sentence still counts.
        asked = [part for part in parts if part.rstrip().endswith("?")]
        segments = asked or list(parts)
        segments.extend(f"{a} {b}" for a, b in zip(parts, parts[1:]))
        if len(parts) <= 4:
            segments.append(" ".join(parts))
        return segments

    def _content(self, segment: str, names: frozenset[str] = frozenset(), lang: Lang = Lang.EN) -> list[str]:
        by_ear = lang is Lang.ES
        said = spoken_numbers(normalize(segment).split())  # voice typing: "i quinientos ochenta y nueve" is I-589
        words = [w if w in STOP_WORDS else self._correct(w, by_ear) for w in self._rejoin([w for w in said if w not in names], by_ear)]
        # A number the FAQ never uses ("2 años", "3 weeks", "the 405") is a detail of the story, like
        # a name: it says nothing about the topic, nor that the message is out of scope. Numbers the
        # vocabulary knows ("MS-13", "I-130") were read before this.
        return [
            stem(w) for w in self._replace(" ".join(words)).split() if w not in STOP_WORDS and not (w.isdigit() and w not in self._idf)
        ]

    def _rejoin(self, words: list[str], by_ear: bool) -> list[str]:
        """Put back together a word that voice typing split in two: "war rant", "sank tuary".

        Only when the second piece means nothing to the FAQ, and the two together are a word it knows,
        as they are, or with one slip in a long word when the first piece means nothing either ("he
        tenido" is not "detenido").
        """
        out: list[str] = []
        for word in words:
            if out and word not in STOP_WORDS and not word.isdigit() and not self._is_faq_word(word):
                first = out[-1]
                joined = first + word
                if self._is_faq_word(joined):
                    out[-1] = joined
                    continue
                if len(joined) >= SPLIT_WORD and not (first in STOP_WORDS or self._is_faq_word(first)):
                    corrected = self._correct(joined, by_ear)
                    if corrected != joined and OSA.distance(corrected, joined) <= 1:
                        out[-1] = corrected
                        continue
            out.append(word)
        return out

    def _coverage(self, stems: list[str]) -> dict[int, float]:
        """For each entry, the share (0-1) of the segment's rarity-weighted words it accounts for.

        Rare words are added up over every entry that uses them; a word used by very many entries
        (a large FAQ's "asylum") only adds to entries already found, which keeps big FAQs fast
        and changes little: such words carry little weight.
        """
        unique = dict.fromkeys(stems)
        plain = sum(self._idf.get(s, self._unknown_idf) for s in unique)
        total = plain + (self._off_topic_surplus if self._off_topic in unique else 0.0)
        known = sorted((s for s in unique if s in self._idf), key=lambda s: len(self._postings[s]))
        covered: dict[int, float] = defaultdict(float)
        for position, s in enumerate(known):
            idf = self._idf[s]
            postings = self._postings[s]
            if position == 0 or len(postings) <= COMMON_POSTINGS or len(covered) > len(postings):
                for index, weight in postings:
                    covered[index] += idf * weight
            else:
                weights = self._posting_maps[s]
                for index in covered:
                    weight = weights.get(index)
                    if weight is not None:
                        covered[index] += idf * weight
        # A segment like "I am undocumented." says too little to be sure of anything.
        scale = min(1.0, total / INFORMATION_MASS) / total if total else 0.0
        if total == plain:
            return {index: mass * scale for index, mass in covered.items()}
        urgent_scale = min(1.0, plain / INFORMATION_MASS) / plain
        return {index: mass * (urgent_scale if index in self._urgent else scale) for index, mass in covered.items()}

    def _phrase_similarity(self, stems: list[str], entry: int, excluded: int | None) -> float:
        """How close the segment is to the entry's closest phrasing (0-100).

        Only phrasings that share a word with the segment are compared; the others cannot be close.
        """
        query_terms = dict.fromkeys(stems)  # in the message's order: the same sums whatever the hash seed
        postings = self._phrase_postings[entry]
        shared: dict[int, float] = defaultdict(float)
        for term in query_terms:
            idf = self._idf.get(term)
            for phrase_index in postings.get(term, ()):
                shared[phrase_index] += idf  # type: ignore[operator]
        shared.pop(excluded, None)  # type: ignore[arg-type]
        if not shared:
            return 0.0
        query_mass = sum(self._idf.get(t, self._unknown_idf) for t in query_terms)
        if self._off_topic in query_terms and entry not in self._urgent:
            query_mass += self._off_topic_surplus
        best_f1 = 0.0
        for phrase_index, common in shared.items():
            precision, recall = common / query_mass, common / self._phrases[phrase_index].mass
            best_f1 = max(best_f1, 2 * precision * recall / (precision + recall))
        closest = heapq.nlargest(FUZZY_PHRASES, shared, key=shared.__getitem__)
        query = " ".join(stems)
        choices = [self._phrases[i].text for i in closest]
        by_sort = process.extractOne(query, choices, scorer=fuzz.token_sort_ratio, processor=None)
        by_set = process.extractOne(query, choices, scorer=fuzz.token_set_ratio, processor=None)
        fuzzy = (1.0 - SET_SHARE) * by_sort[1] + SET_SHARE * by_set[1]
        return (1.0 - F1_SHARE) * fuzzy + F1_SHARE * 100.0 * best_f1

    def _excluded_phrase(self, exclude: tuple[str, Lang, int] | None) -> int | None:
        if exclude is None:
            return None
        entry_id, lang, question = exclude
        for index, entry in enumerate(self._entries):
            if entry.id != entry_id:
                continue
            target = " ".join(stem(w) for w in self.faq_words(entry.questions[lang][question]) if w not in STOP_WORDS)
            for phrase_index in self._phrases_of[index]:
                phrase = self._phrases[phrase_index]
                if phrase.lang is lang and phrase.text == target:
                    return phrase_index
        return None

    def _backed(self, index: int, evidence: float, backing: _Backing) -> bool:
        """Middling evidence is enough when naive Bayes has no doubt which entry the words point to.

        "llegue hace 8 meses me pueden sacar sin corte?" shares few words with any one phrasing,
        yet its words all point to expedited removal. Not for messages about another legal area,
        nor for those mostly made of words the FAQ never uses ("where can I play tennis, which
        court is free"). `requires` still applies, as to every answer.
        """
        t = self.thresholds
        return (
            evidence >= t.backed
            and backing.posterior.get(index, 0.0) >= t.backed_probability
            and backing.unknown <= t.backed_unknown
            and not backing.off_topic
        )

    def _allowed(self, index: int, tokens: list[str]) -> bool:
        """An entry with `requires` is answered only when the message has one of those word beginnings,
        as typed or as understood after spelling correction and the vocabulary."""
        required = self._entries[index].requires
        return not required or any(token.startswith(required) for token in tokens)

    def _decide(
        self, order: list[int], blended: dict[int, float], evidence: dict[int, float], lang: Lang, tokens: list[str], backing: _Backing
    ) -> Match:
        """Pick the band. `order` ranks entries by the blended score; how sure we are comes from
        `evidence` (coverage and phrasing), which, unlike the normalised Bayes part, drops for
        messages the FAQ does not cover."""
        t = self.thresholds
        named = tuple((self._entries[i].id, round(blended[i], 1)) for i in order[:10])
        if not order:
            return Match(Band.NONE, None, 0.0, lang, (), named)
        top_index = order[0]
        top, lead = evidence[top_index], blended[top_index] - (blended[order[1]] if len(order) > 1 else 0.0)
        # One everyday word alone ("trabajo", "esposo") is offered, not answered as an emergency.
        alarming = len(backing.content) != 1 or bool(backing.content & self._alarms)
        for index in order:
            if blended[index] < blended[top_index] - t.urgent_margin or not alarming:
                break
            if self._entries[index].urgent and evidence[index] >= t.urgent and self._allowed(index, tokens):
                if index != top_index and top >= t.sure and top - evidence[index] >= t.urgent_yield:
                    continue  # "¿cuál es el teléfono de la oficina? nadie contesta" asks for the office
                return Match(Band.URGENT, self._entries[index].id, evidence[index], lang, (), named)
        # An emergency entry that leads clearly, with naive Bayes behind it, is shown at once even on
        # middling evidence: "redada en mi trabajo en sun valley piden papeles ayuda".
        if (
            alarming
            and self._entries[top_index].urgent
            and top >= t.urgent_backed
            and lead >= t.urgent_lead
            and backing.posterior.get(top_index, 0.0) >= t.urgent_probability
            and not backing.off_topic
            and self._allowed(top_index, tokens)
        ):
            return Match(Band.URGENT, self._entries[top_index].id, top, lang, (), named)
        # Shared words can make an entry look sure while the message's words, taken together, point
        # anywhere but there ("a tourist visa... how does he extend it?" is not TPS): then it is offered.
        # A message that names another legal area ("my DACA expired, can I still renew it?") is answered
        # only when naive Bayes, too, is sure: "renew" alone would otherwise bring TPS.
        probability = backing.posterior.get(top_index, 0.0)
        confident = (
            top >= t.answer
            and (lead >= t.margin or top >= t.sure)
            and probability >= (t.off_topic_probability if backing.off_topic else t.answer_probability)
        )
        if (confident or self._backed(top_index, top, backing)) and self._allowed(top_index, tokens):
            return Match(Band.ANSWER, self._entries[top_index].id, top, lang, (), named)
        best = max(evidence[i] for i in order[:MAX_SUGGESTIONS])
        if best >= t.suggest:
            chosen = [i for i in order[:MAX_SUGGESTIONS] if evidence[i] >= t.suggest and evidence[i] >= best - t.suggest_spread]
            # An entry whose `requires` the message lacks is offered after those that can answer it:
            # "¿qué es el asilo?" says nothing of the one-year deadline.
            chosen.sort(key=lambda i: not self._allowed(i, tokens))
            # Emergency first: a plausible emergency entry is always offered, at the top.
            urgent = next((i for i in order if self._entries[i].urgent and evidence[i] >= t.suggest), None)
            if urgent is not None:
                chosen = [urgent, *[i for i in chosen if i != urgent]][:MAX_SUGGESTIONS]
            return Match(Band.SUGGEST, None, top, lang, tuple(self._entries[i].id for i in chosen), named)
        return Match(Band.NONE, None, top, lang, (), named)


def _only_replies(tokens: list[str]) -> bool:
    """A short message of nothing but replies to the bot ("ok entiendo", "de acuerdo") or stray
    letters ("ggg", "k"): it asks no question."""
    said = [t for t in tokens if t not in STOP_WORDS]
    return len(tokens) <= SHORT_REPLY and bool(said) and all(t in ACKNOWLEDGEMENTS or len(t) == 1 for t in said)


_TEXTING_K: Final = re.compile(r"k(?=([ei]))|k(?=[aou])")


def _max_edits(word: str) -> int:
    """How many letters a typo may change: "fiansa" is "fianza", but "tenant" is not "tengan"."""
    return 2 if len(word) >= LONG_WORD else 1
