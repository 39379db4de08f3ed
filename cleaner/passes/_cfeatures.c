/* The story features of a text page's blocks, compiled: the same attributes, in the same
 * order, as cleaner/passes/features.py's Python block_features (its source of truth;
 * tests/test_cfeatures.py holds the two to the same lists), in one pass over each block's
 * characters instead of the interpreter's dozens of string operations a block.
 *
 * Everything that names an attribute comes from features.py (configure()): the strings, the
 * caches of a block's first and last words, the patterns of years, times and web addresses,
 * the stoplists. This file only counts and picks among them.
 *
 * join_records() builds the records crfsuite's C tagger is handed (cleaner/passes/crf.py,
 * CTagger.set_blocks) from those attributes: the same bytes in the same order as the Python
 * comprehension there. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <structmember.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* features.source_hash() of the features.py and topic.py whose attributes this file computes:
 * features.py runs its own Python while its code is any other (tests/test_cfeatures.py). */
#define SOURCE_HASH "3b0eb4a778255787"

/* What the build recorded of the Python this file follows (setup.py: the digest of the files'
 * bytes and their code hash then, for SOURCE_HASH and HEADLINE_HASH alike,
 * cleaner.code_hash.built_record): where the files are still those bytes, features.py and
 * headline.py take those hashes instead of hashing the code again. */
#ifndef BUILT_SOURCES
#define BUILT_SOURCES ""
#endif

#define MAX_MARKS 64

/* What configure() is handed, kept for the process. */
static struct {
    int ready;
    PyObject *date_words;                     /* frozenset */
    PyObject *word_attrs, *char_attrs;        /* tuples, by count (the last: beyond) */
    PyObject *tc, *caps, *stop;               /* tuples of six, by fifths */
    PyObject *sent, *story;                   /* tuples of two */
    PyObject *rel, *idx, *toend, *tofirst;    /* tuples, by place */
    PyObject *vs_before, *vs_first, *vs_after, *vs_last, *vs_inside;
    PyObject *kept_kept, *kept_gone, *kept_cut;
    PyObject *bias, *digit, *year, *time, *date, *at, *dot, *copy, *url;
    PyObject *pipes;                          /* tuple: pipe:0 … pipe:3 */
    PyObject *open_hash, *open_bracket, *open_paren, *open_empty;
    PyObject *dup_title, *dup_one;
    PyObject *first_map, *last_map, *kind_map; /* dicts (with __missing__) */
    PyObject *start_attr, *end_attr;           /* callables: first / last character's attribute */
    PyObject *copyright_forms;                 /* tuple of str */
    PyObject *topic;                           /* tuple: topic:<low> … topic:<high> */
    PyObject *edge;                            /* str: what a word is stripped of */
    PyObject *tilde, *empty;                   /* "~", "" */
    PyObject *start_cache[256], *end_cache[256]; /* by Latin-1 character */
    Py_UCS4 edge_chars[MAX_MARKS];
    int n_edge;
    Py_UCS4 closing[MAX_MARKS];
    int n_closing;
    Py_UCS4 ends[MAX_MARKS];
    int n_ends;
    unsigned char upper[256]; /* Latin-1 capitals (features._SHAPE_BYTES' 'U') */
    Py_ssize_t story_words, story_long_words, head, stop_chars, sample_words, max_word;
    Py_ssize_t word_top, char_top;
    Py_ssize_t topic_low, topic_words, content_chars;
    Py_UCS4 word_lower[256]; /* a Latin-1 character lowercased if that is a word character
                                (re's \w), else 0 */
    int copy_gate; /* every copyright form opens with '(' or '©': texts without are skipped */
} C;

/* A set of words as code points (a stoplist, the date words), looked up without making a
 * Python string of each token. */
typedef struct {
    const Py_UCS4 *chars; /* NULL: an empty slot */
    Py_ssize_t len;
    Py_uhash_t hash;
} Word;

typedef struct {
    Word *slots;
    size_t mask, count;
    Py_UCS4 *arena; /* the words' code points, owned (NULL for a set of borrowed words) */
    uint64_t *bloom;  /* a stoplist's (stop_filter): a bit a word, by its hash; else NULL */
    size_t bloom_mask;
} WordSet;

#define FNV_START 1469598103934665603ULL /* hash_of's */
#define FNV_PRIME 1099511628211ULL

static Py_uhash_t
hash_of(const Py_UCS4 *chars, Py_ssize_t len)
{
    Py_uhash_t hash = FNV_START; /* FNV-1a over the code points */
    for (Py_ssize_t i = 0; i < len; i++) {
        hash = (hash ^ chars[i]) * FNV_PRIME;
    }
    return hash;
}

static void
words_free(WordSet *set)
{
    PyMem_Free(set->slots);
    PyMem_Free(set->arena);
    PyMem_Free(set->bloom);
    set->slots = NULL;
    set->arena = NULL;
    set->bloom = NULL;
    set->mask = set->count = 0;
}

static int
words_init(WordSet *set, size_t capacity)
{
    size_t size = 8;
    while (size < 2 * capacity + 2) {
        size <<= 1;
    }
    set->slots = PyMem_Calloc(size, sizeof(Word));
    if (set->slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    set->mask = size - 1;
    set->count = 0;
    set->arena = NULL;
    set->bloom = NULL;
    return 0;
}

/* Whether the word is in the set; with ``add``, put it in when it is not. */
static int
words_has(WordSet *set, const Py_UCS4 *chars, Py_ssize_t len, Py_uhash_t hash, int add)
{
    size_t at = hash & set->mask;
    while (set->slots[at].chars != NULL) {
        Word *word = &set->slots[at];
        if (word->hash == hash && word->len == len
            && memcmp(word->chars, chars, len * sizeof(Py_UCS4)) == 0) {
            return 1;
        }
        at = (at + 1) & set->mask;
    }
    if (add) {
        set->slots[at].chars = chars;
        set->slots[at].len = len;
        set->slots[at].hash = hash;
        set->count++;
    }
    return 0;
}

/* A word set of a Python set of str. */
static int
words_of(WordSet *set, PyObject *strings)
{
    Py_ssize_t count = PySet_Size(strings), total = 0;
    if (count < 0 || words_init(set, (size_t)count)) {
        return -1;
    }
    PyObject *iterator = PyObject_GetIter(strings), *item;
    if (iterator == NULL) {
        words_free(set);
        return -1;
    }
    while ((item = PyIter_Next(iterator)) != NULL) {
        if (PyUnicode_Check(item)) {
            total += PyUnicode_GET_LENGTH(item);
        }
        Py_DECREF(item);
    }
    Py_DECREF(iterator);
    if (PyErr_Occurred()) {
        words_free(set);
        return -1;
    }
    set->arena = PyMem_Malloc((total + 1) * sizeof(Py_UCS4));
    iterator = set->arena ? PyObject_GetIter(strings) : NULL;
    if (iterator == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_NoMemory();
        }
        words_free(set);
        return -1;
    }
    Py_ssize_t used = 0;
    while ((item = PyIter_Next(iterator)) != NULL) {
        if (!PyUnicode_Check(item)) {
            Py_DECREF(item);
            PyErr_SetString(PyExc_TypeError, "a set of str expected");
            break;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(item);
        Py_UCS4 *chars = set->arena + used;
        for (Py_ssize_t i = 0; i < len; i++) {
            chars[i] = PyUnicode_READ_CHAR(item, i);
        }
        used += len;
        words_has(set, chars, len, hash_of(chars, len), 1);
        Py_DECREF(item);
    }
    Py_DECREF(iterator);
    if (PyErr_Occurred()) {
        words_free(set);
        return -1;
    }
    return 0;
}

/* A stoplist's filter: one bit a word, at its hash's high bits, in a table of 8 to 16 bits a
 * word (a power of two: 48 KB for the seven lists; 8-12% of the words not listed find their
 * bit set). The stoplists' slots (2.2 MB for the seven lists' 38,332 entries) are probed at a
 * random line for each distinct word of a page, and the page's other work pushes each line out
 * of the L2 before the next page: about 1,650 of a seed document's 26,600 L2 misses
 * (benchmarks/count_misses.py, clock28), most of them for words not listed. A word whose bit
 * is clear is not looked up. The filter's own lines miss too (a bit read once a page for most
 * words): at 32 bits a word (220 KB) 954 misses a seed document, the L2 misses 26,026; at 8
 * bits 25,460, the instructions the same (5.70 million). */
static int
stop_filter(WordSet *set)
{
    size_t bits = 64;
    while (bits < 8 * set->count) {
        bits <<= 1;
    }
    set->bloom = PyMem_Calloc(bits / 64, sizeof(uint64_t));
    if (set->bloom == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    set->bloom_mask = bits - 1;
    for (size_t at = 0; at <= set->mask; at++) {
        if (set->slots[at].chars != NULL) {
            size_t bit = (size_t)(set->slots[at].hash >> 24) & set->bloom_mask;
            set->bloom[bit >> 6] |= (uint64_t)1 << (bit & 63);
        }
    }
    return 0;
}

/* Whether the word is in the stoplist ``set`` (stop_filter's). */
static int
stop_has(WordSet *set, const Py_UCS4 *chars, Py_ssize_t len, Py_uhash_t hash)
{
    size_t bit = (size_t)(hash >> 24) & set->bloom_mask;
    if (!(set->bloom[bit >> 6] >> (bit & 63) & 1)) {
        return 0;
    }
    return words_has(set, chars, len, hash, 0);
}

/* The stoplists as word sets, made from the tuple of sets last handed in. */
static PyObject *stop_source;
static WordSet *stop_sets;
static Py_ssize_t stop_count;
static WordSet date_set;

static int
stoplists_of(PyObject *stoplists)
{
    if (stoplists == stop_source) {
        return 0;
    }
    for (Py_ssize_t n = 0; n < stop_count; n++) {
        words_free(&stop_sets[n]);
    }
    PyMem_Free(stop_sets);
    stop_sets = NULL;
    stop_count = 0;
    Py_CLEAR(stop_source);
    Py_ssize_t count = PyTuple_GET_SIZE(stoplists);
    if (count == 0) {
        PyErr_SetString(PyExc_ValueError, "no stoplist");
        return -1;
    }
    stop_sets = PyMem_Calloc(count, sizeof(WordSet));
    if (stop_sets == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t n = 0; n < count; n++) {
        if (words_of(&stop_sets[n], PyTuple_GET_ITEM(stoplists, n))
            || stop_filter(&stop_sets[n])) {
            for (Py_ssize_t m = 0; m <= n; m++) { /* words_free: safe on a freed set */
                words_free(&stop_sets[m]);
            }
            PyMem_Free(stop_sets);
            stop_sets = NULL;
            return -1;
        }
    }
    stop_count = count;
    stop_source = Py_NewRef(stoplists);
    return 0;
}

static PyObject *str_lower, *str_strip, *str_casefold, *str_text, *str_kind, *str_index,
    *str_block;

/* What a Latin-1 character counts for in a block's scan. */
enum { PLAIN, SPACE, CAPITAL, DIGIT, AT, PIPE, MIDDOT, COPY, DOT };
static unsigned char latin[256];

/* str.lower() and str.casefold() of text[start:end], appended to ``out`` (room for three
 * code points a character): CPython's own case tables, as its methods use them. Returns the
 * number of code points written, or -1 where the method itself must be asked (a capital
 * sigma, whose lower case depends on its neighbours; a Python without the tables' API). */
#if PY_VERSION_HEX < 0x030D0000
#define CASE_TABLES 1
#endif

static Py_ssize_t
case_into(PyObject *text, Py_ssize_t start, Py_ssize_t end, Py_UCS4 *out, int fold)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch < 128) {
            out[n++] = (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch;
            continue;
        }
#ifdef CASE_TABLES
        if (ch == 0x3A3 && !fold) {
            return -1;
        }
        n += fold ? _PyUnicode_ToFoldedFull(ch, out + n) : _PyUnicode_ToLowerFull(ch, out + n);
#else
        return -1;
#endif
    }
    return n;
}

/* text[start:end] lowercased (fold: casefolded) as code points into ``out`` (a new buffer,
 * PyMem_Free it); its length in ``length``. */
static Py_UCS4 *
cased(PyObject *text, Py_ssize_t start, Py_ssize_t end, int fold, Py_ssize_t *length)
{
    Py_UCS4 *out = PyMem_Malloc(((end - start) * 3 + 1) * sizeof(Py_UCS4));
    if (out == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    Py_ssize_t n = case_into(text, start, end, out, fold);
    if (n >= 0) {
        *length = n;
        return out;
    }
    PyMem_Free(out);
    PyObject *piece = PyUnicode_Substring(text, start, end);
    if (piece == NULL) {
        return NULL;
    }
    Py_SETREF(piece, PyObject_CallMethodNoArgs(piece, fold ? str_casefold : str_lower));
    if (piece == NULL) {
        return NULL;
    }
    out = PyUnicode_AsUCS4Copy(piece);
    *length = PyUnicode_GET_LENGTH(piece);
    Py_DECREF(piece);
    return out;
}

/* One block's facts (features._Shape). */
typedef struct {
    PyObject *text;  /* new reference */
    PyObject *kind;  /* its kind: attribute, new reference */
    PyObject *first; /* first:… attribute, new reference */
    PyObject *last;  /* last:… attribute, new reference */
    Py_ssize_t token, tokens; /* its head's lowercased whitespace tokens: the page's spans
                                 from ``token`` on, ``tokens`` of them */
    Py_UCS4 *key;    /* repeat key (code points, owned) or NULL */
    Py_ssize_t key_len;
    Py_uhash_t key_hash;
    PyObject *kept;  /* borrowed from C */
    PyObject *extra; /* borrowed from the extras dict: (grp, fld, [rule=…]) or NULL */
    Py_ssize_t len, words, upper, digit, pipes;
    int sentence, story, at, bullet, dot_in_head, date, stop, dup, maybe_copy;
    Py_ssize_t span, spans, contents; /* its content words (topic.py): the page's spans from
                                         ``span`` on, ``spans`` of them, ``contents`` distinct */
    int topic;                        /* its topic attribute's index in C.topic, -1: none */
} Shape;

/* A page's lowered heads (code points) and their tokens (spans of them). */
typedef struct {
    Py_ssize_t start, len;
    Py_uhash_t hash;
} Span;

typedef struct {
    Py_UCS4 *chars;
    Py_ssize_t used, size;
    Span *spans;
    Py_ssize_t count, room;
} Heads;

static int
heads_room(Heads *heads, Py_ssize_t chars)
{
    if (heads->used + chars > heads->size) {
        Py_ssize_t size = (heads->used + chars) * 2 + 1024;
        Py_UCS4 *more = PyMem_Realloc(heads->chars, size * sizeof(Py_UCS4));
        if (more == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        heads->chars = more;
        heads->size = size;
    }
    return 0;
}

/* A new span at the end of ``heads``' spans (grown when full), NULL with MemoryError set. */
static Span *
spans_push(Heads *heads)
{
    if (heads->count == heads->room) {
        Py_ssize_t room = heads->room * 2 + 256;
        Span *more = PyMem_Realloc(heads->spans, room * sizeof(Span));
        if (more == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        heads->spans = more;
        heads->room = room;
    }
    return &heads->spans[heads->count++];
}

/* An ASCII character lowered (A-Z to a-z, the rest as it is), or ASCII_SPACE where it is
 * whitespace (Py_UNICODE_ISSPACE's): tokenize()'s one read a character of an ASCII head. Made
 * by ascii_token_init() from the same tests the loop made. */
#define ASCII_SPACE 0xFF
static unsigned char ascii_token[256];

static void
ascii_token_init(void)
{
    for (int ch = 0; ch < 256; ch++) {
        ascii_token[ch] = ch >= 128                    ? ASCII_SPACE /* never read: ASCII */
                          : Py_UNICODE_ISSPACE(ch)     ? ASCII_SPACE
                          : (ch >= 'A' && ch <= 'Z') ? (unsigned char)(ch + 32)
                                                       : (unsigned char)ch;
    }
}

/* The block's head (its first stop_chars characters) lowercased into ``heads``, and its
 * whitespace tokens (str.split()'s), the last left out when the head is cut. */
static int
tokenize(Shape *s, Heads *heads)
{
    PyObject *text = s->text;
    int cut = s->len > C.stop_chars;
    Py_ssize_t length = cut ? C.stop_chars : s->len;
    Py_ssize_t from = heads->used;
    if (PyUnicode_IS_ASCII(text)) {
        /* lowered, split at ASCII whitespace (Py_UNICODE_ISSPACE's) and hashed in one pass */
        if (heads_room(heads, length)) {
            return -1;
        }
        const Py_UCS1 *chars = PyUnicode_1BYTE_DATA(text);
        Py_UCS4 *out = heads->chars + from;
        s->token = heads->count;
        Py_ssize_t i = 0;
        while (i < length) {
            while (i < length && ascii_token[chars[i]] == ASCII_SPACE) {
                out[i] = chars[i];
                i++;
            }
            if (i == length) {
                break;
            }
            Py_ssize_t start = i;
            Py_uhash_t hash = FNV_START;
            for (; i < length; i++) {
                /* one table read a character: the space test and the lowering */
                unsigned char low = ascii_token[chars[i]];
                if (low == ASCII_SPACE) {
                    break;
                }
                out[i] = low;
                hash = (hash ^ low) * FNV_PRIME;
            }
            Span *span = spans_push(heads);
            if (span == NULL) {
                return -1;
            }
            *span = (Span){from + start, i - start, hash};
        }
        heads->used += length;
        if (cut && heads->count > s->token) {
            heads->count--;
        }
        s->tokens = heads->count - s->token;
        return 0;
    } else {
        if (heads_room(heads, 3 * length)) {
            return -1;
        }
        Py_ssize_t lowered = case_into(text, 0, length, heads->chars + from, 0);
        if (lowered < 0) {
            Py_UCS4 *chars = cased(text, 0, length, 0, &lowered);
            if (chars == NULL) {
                return -1;
            }
            if (heads_room(heads, lowered)) {
                PyMem_Free(chars);
                return -1;
            }
            memcpy(heads->chars + from, chars, lowered * sizeof(Py_UCS4));
            PyMem_Free(chars);
        }
        heads->used += lowered;
    }
    s->token = heads->count;
    const Py_UCS4 *chars = heads->chars;
    Py_ssize_t i = from, end = heads->used;
    while (i < end) {
        while (i < end && Py_UNICODE_ISSPACE(chars[i])) {
            i++;
        }
        if (i == end) {
            break;
        }
        Py_ssize_t start = i;
        while (i < end && !Py_UNICODE_ISSPACE(chars[i])) {
            i++;
        }
        Span *span = spans_push(heads);
        if (span == NULL) {
            return -1;
        }
        span->start = start;
        span->len = i - start;
        span->hash = hash_of(chars + start, i - start);
    }
    if (cut && heads->count > s->token) {
        heads->count--;
    }
    s->tokens = heads->count - s->token;
    return 0;
}

static int
is_mark(Py_UCS4 ch, const Py_UCS4 *marks, int n)
{
    for (int i = 0; i < n; i++) {
        if (marks[i] == ch) {
            return 1;
        }
    }
    return 0;
}

/* The edge marks among Latin-1 characters, by character (the others: C.edge_chars). */
static unsigned char edge_latin[256];

static int
is_edge(Py_UCS4 ch)
{
    return ch < 256 ? edge_latin[ch] : is_mark(ch, C.edge_chars, C.n_edge);
}

static int
marks_of(PyObject *text, Py_UCS4 *marks, int *n)
{
    if (!PyUnicode_Check(text) || PyUnicode_GET_LENGTH(text) > MAX_MARKS) {
        PyErr_SetString(PyExc_ValueError, "marks: a str of at most 64 characters expected");
        return -1;
    }
    *n = (int)PyUnicode_GET_LENGTH(text);
    for (int i = 0; i < *n; i++) {
        marks[i] = PyUnicode_READ_CHAR(text, i);
    }
    return 0;
}

/* A word's attribute (first:…, last:…) by the word's lowered code points: no string made
 * for a word met before. Bounded: emptied past CACHE_MAX words. */
#define CACHE_MAX 65536

typedef struct {
    Py_UCS4 *chars; /* owned; NULL: an empty slot */
    Py_ssize_t len;
    Py_uhash_t hash;
    PyObject *attr;
} Cached;

typedef struct {
    Cached *slots;
    size_t mask, count;
} AttrCache;

static AttrCache first_cache, last_cache;

static void
cache_clear(AttrCache *cache)
{
    for (size_t at = 0; cache->slots != NULL && at <= cache->mask; at++) {
        PyMem_Free(cache->slots[at].chars);
        Py_XDECREF(cache->slots[at].attr);
    }
    PyMem_Free(cache->slots);
    cache->slots = NULL;
    cache->mask = cache->count = 0;
}

/* A configuration entry, a new reference kept in C. */
static int
take(PyObject *config, const char *name, PyObject **slot)
{
    PyObject *value = PyDict_GetItemString(config, name);
    if (value == NULL) {
        PyErr_Format(PyExc_KeyError, "configure: %s missing", name);
        return -1;
    }
    Py_INCREF(value);
    Py_XSETREF(*slot, value);
    return 0;
}

static int
take_size(PyObject *config, const char *name, Py_ssize_t *slot)
{
    PyObject *value = PyDict_GetItemString(config, name);
    if (value == NULL) {
        PyErr_Format(PyExc_KeyError, "configure: %s missing", name);
        return -1;
    }
    *slot = PyLong_AsSsize_t(value);
    return (*slot == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* C.word_lower: each Latin-1 character as str.lower() gives it, where that is a word
 * character of re (\w: alphanumeric or '_'), else 0. Lowercasing a Latin-1 character gives
 * one Latin-1 character and keeps it a word character or not (checked here): a lowered
 * text's Latin-1 characters are told word characters by the same table. */
static int
latin_word_lower(void)
{
    Py_UCS1 all[256];
    for (int i = 0; i < 256; i++) {
        all[i] = (Py_UCS1)i;
    }
    PyObject *latin1 = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, all, 256);
    PyObject *lowered = latin1 ? PyObject_CallMethodNoArgs(latin1, str_lower) : NULL;
    Py_XDECREF(latin1);
    if (lowered == NULL) {
        return -1;
    }
    int fits = PyUnicode_GET_LENGTH(lowered) == 256;
    for (int i = 0; fits && i < 256; i++) {
        Py_UCS4 low = PyUnicode_READ_CHAR(lowered, i);
        int word = Py_UNICODE_ISALNUM(low) || low == '_';
        fits = low < 256 && word == (Py_UNICODE_ISALNUM(i) || i == '_');
        C.word_lower[i] = word ? low : 0;
    }
    Py_DECREF(lowered);
    if (!fits) {
        PyErr_SetString(PyExc_RuntimeError, "configure: Latin-1's lower case is not Latin-1");
        return -1;
    }
    return 0;
}

static PyObject *
configure(PyObject *self, PyObject *config)
{
    if (!PyDict_Check(config)) {
        PyErr_SetString(PyExc_TypeError, "configure: a dict expected");
        return NULL;
    }
    PyObject *marks = NULL, *shape_bytes = NULL;
    if (take(config, "date_words", &C.date_words) || take(config, "word_attrs", &C.word_attrs)
        || take(config, "char_attrs", &C.char_attrs) || take(config, "tc", &C.tc)
        || take(config, "caps", &C.caps) || take(config, "stop", &C.stop)
        || take(config, "sent", &C.sent) || take(config, "story", &C.story)
        || take(config, "rel", &C.rel) || take(config, "idx", &C.idx)
        || take(config, "toend", &C.toend) || take(config, "tofirst", &C.tofirst)
        || take(config, "vs_before", &C.vs_before) || take(config, "vs_first", &C.vs_first)
        || take(config, "vs_after", &C.vs_after) || take(config, "vs_last", &C.vs_last)
        || take(config, "vs_inside", &C.vs_inside) || take(config, "kept_kept", &C.kept_kept)
        || take(config, "kept_gone", &C.kept_gone) || take(config, "kept_cut", &C.kept_cut)
        || take(config, "bias", &C.bias) || take(config, "digit", &C.digit)
        || take(config, "year", &C.year) || take(config, "time", &C.time)
        || take(config, "date", &C.date) || take(config, "at", &C.at)
        || take(config, "dot", &C.dot) || take(config, "copy", &C.copy)
        || take(config, "url", &C.url) || take(config, "pipes", &C.pipes)
        || take(config, "open_hash", &C.open_hash)
        || take(config, "open_bracket", &C.open_bracket)
        || take(config, "open_paren", &C.open_paren)
        || take(config, "open_empty", &C.open_empty)
        || take(config, "dup_title", &C.dup_title) || take(config, "dup_one", &C.dup_one)
        || take(config, "first_map", &C.first_map) || take(config, "last_map", &C.last_map)
        || take(config, "kind_map", &C.kind_map) || take(config, "start_attr", &C.start_attr)
        || take(config, "end_attr", &C.end_attr)
        || take(config, "copyright_forms", &C.copyright_forms)
        || take(config, "edge", &C.edge) || take(config, "tilde", &C.tilde)
        || take(config, "empty", &C.empty)
        || take_size(config, "story_words", &C.story_words)
        || take_size(config, "story_long_words", &C.story_long_words)
        || take_size(config, "head", &C.head) || take_size(config, "stop_chars", &C.stop_chars)
        || take_size(config, "sample_words", &C.sample_words)
        || take_size(config, "max_word", &C.max_word) || take(config, "topic", &C.topic)
        || take_size(config, "topic_low", &C.topic_low)
        || take_size(config, "topic_words", &C.topic_words)
        || take_size(config, "content_chars", &C.content_chars)) {
        return NULL;
    }
    if (!PyTuple_Check(C.word_attrs) || !PyTuple_Check(C.char_attrs)
        || !PyTuple_Check(C.tc) || PyTuple_GET_SIZE(C.tc) != 6 || !PyTuple_Check(C.caps)
        || PyTuple_GET_SIZE(C.caps) != 6 || !PyTuple_Check(C.stop)
        || PyTuple_GET_SIZE(C.stop) != 6 || !PyTuple_Check(C.sent)
        || PyTuple_GET_SIZE(C.sent) != 2 || !PyTuple_Check(C.story)
        || PyTuple_GET_SIZE(C.story) != 2 || !PyTuple_Check(C.rel)
        || PyTuple_GET_SIZE(C.rel) != 10 || !PyTuple_Check(C.idx)
        || PyTuple_GET_SIZE(C.idx) != 7 || !PyTuple_Check(C.toend)
        || PyTuple_GET_SIZE(C.toend) != 7 || !PyTuple_Check(C.tofirst)
        || PyTuple_GET_SIZE(C.tofirst) != 9 || !PyTuple_Check(C.pipes)
        || PyTuple_GET_SIZE(C.pipes) != 4 || !PyTuple_Check(C.copyright_forms)
        || !PyDict_Check(C.first_map) || !PyDict_Check(C.last_map)
        || !PyDict_Check(C.kind_map) || !PyAnySet_Check(C.date_words)
        || !PyTuple_Check(C.topic) || PyTuple_GET_SIZE(C.topic) < 1 || C.topic_low > 0
        || -C.topic_low >= PyTuple_GET_SIZE(C.topic) || C.content_chars < 1) {
        PyErr_SetString(PyExc_ValueError, "configure: an entry of the wrong type or size");
        return NULL;
    }
    cache_clear(&first_cache);
    cache_clear(&last_cache);
    C.copy_gate = 1;
    for (Py_ssize_t n = 0; n < PyTuple_GET_SIZE(C.copyright_forms); n++) {
        PyObject *form = PyTuple_GET_ITEM(C.copyright_forms, n);
        if (!PyUnicode_Check(form) || PyUnicode_GET_LENGTH(form) == 0) {
            PyErr_SetString(PyExc_ValueError, "configure: copyright forms must be str");
            return NULL;
        }
        Py_UCS4 first = PyUnicode_READ_CHAR(form, 0);
        C.copy_gate &= first == '(' || first == 0xA9;
    }
    words_free(&date_set);
    if (words_of(&date_set, C.date_words)) {
        return NULL;
    }
    C.word_top = PyTuple_GET_SIZE(C.word_attrs) - 1;
    C.char_top = PyTuple_GET_SIZE(C.char_attrs) - 1;
    if (marks_of(C.edge, C.edge_chars, &C.n_edge)) {
        return NULL;
    }
    memset(edge_latin, 0, sizeof(edge_latin));
    for (int i = 0; i < C.n_edge; i++) {
        if (C.edge_chars[i] < 256) {
            edge_latin[C.edge_chars[i]] = 1;
        }
    }
    marks = PyDict_GetItemString(config, "closing");
    if (marks == NULL || marks_of(marks, C.closing, &C.n_closing)) {
        return PyErr_Occurred() ? NULL : PyErr_Format(PyExc_KeyError, "closing");
    }
    marks = PyDict_GetItemString(config, "ends");
    if (marks == NULL || marks_of(marks, C.ends, &C.n_ends)) {
        return PyErr_Occurred() ? NULL : PyErr_Format(PyExc_KeyError, "ends");
    }
    shape_bytes = PyDict_GetItemString(config, "shape_bytes");
    if (shape_bytes == NULL || !PyBytes_Check(shape_bytes)
        || PyBytes_GET_SIZE(shape_bytes) != 256) {
        PyErr_SetString(PyExc_ValueError, "configure: shape_bytes: 256 bytes expected");
        return NULL;
    }
    for (int i = 0; i < 256; i++) {
        C.upper[i] = PyBytes_AS_STRING(shape_bytes)[i] == 'U';
        latin[i] = i == ' '                    ? SPACE
                   : C.upper[i]                ? CAPITAL
                   : Py_UNICODE_ISDECIMAL(i)   ? DIGIT
                   : i == '@'                  ? AT
                   : i == '|'                  ? PIPE
                   : i == 0xB7                 ? MIDDOT
                   : i == '(' || i == 0xA9     ? COPY
                   : i == '.'                  ? DOT
                                               : PLAIN;
        Py_CLEAR(C.start_cache[i]);
        Py_CLEAR(C.end_cache[i]);
    }
    ascii_token_init();
    if (latin_word_lower()) {
        return NULL;
    }
    C.ready = 1;
    Py_RETURN_NONE;
}

/* d[key] with the dict subclass's __missing__ (a new reference). */
static PyObject *
lookup(PyObject *map, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(map, key);
    if (value != NULL) {
        Py_INCREF(value);
        return value;
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    return PyObject_GetItem(map, key);
}

/* The attribute of a block's first or last character (features._start_attr, _end_attr), kept
 * per Latin-1 character (a new reference). */
static PyObject *
char_attr(PyObject *text, Py_ssize_t at, PyObject *function, PyObject **cache)
{
    Py_UCS4 ch = 0;
    PyObject *key, *value;
    if (at >= 0) {
        ch = PyUnicode_READ_CHAR(text, at);
        if (ch < 256 && cache[ch] != NULL) {
            Py_INCREF(cache[ch]);
            return cache[ch];
        }
        key = PyUnicode_FromOrdinal((int)ch);
    } else {
        key = Py_NewRef(C.empty);
    }
    if (key == NULL) {
        return NULL;
    }
    value = PyObject_CallOneArg(function, key);
    Py_DECREF(key);
    if (value != NULL && at >= 0 && ch < 256) {
        Py_XSETREF(cache[ch], Py_NewRef(value));
    }
    return value;
}

/* The cached attribute (borrowed) or NULL; ``slot``: where it goes. */
static PyObject *
cache_get(AttrCache *cache, const Py_UCS4 *chars, Py_ssize_t len, Py_uhash_t hash, size_t *slot)
{
    size_t at = hash & cache->mask;
    while (cache->slots[at].chars != NULL) {
        Cached *entry = &cache->slots[at];
        if (entry->hash == hash && entry->len == len
            && memcmp(entry->chars, chars, len * sizeof(Py_UCS4)) == 0) {
            return entry->attr;
        }
        at = (at + 1) & cache->mask;
    }
    *slot = at;
    return NULL;
}

static PyObject *
cached_word_attr(AttrCache *cache, Py_UCS4 *chars, Py_ssize_t len, PyObject *map)
{
    if (cache->slots == NULL || cache->count >= CACHE_MAX) {
        cache_clear(cache);
        cache->slots = PyMem_Calloc(2 * CACHE_MAX, sizeof(Cached));
        if (cache->slots == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        cache->mask = 2 * CACHE_MAX - 1;
    }
    Py_uhash_t hash = hash_of(chars, len);
    size_t slot = 0;
    PyObject *attr = cache_get(cache, chars, len, hash, &slot);
    if (attr != NULL) {
        Py_INCREF(attr);
        return attr;
    }
    PyObject *word = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, len);
    if (word == NULL) {
        return NULL;
    }
    attr = lookup(map, word);
    Py_DECREF(word);
    if (attr == NULL) {
        return NULL;
    }
    /* the lookup may have run Python (the map's __missing__) and let another thread change
     * the cache: find the slot again */
    if (cache->slots == NULL || cache->count >= CACHE_MAX
        || cache_get(cache, chars, len, hash, &slot) != NULL) {
        return attr;
    }
    Py_UCS4 *kept = PyMem_Malloc((len + 1) * sizeof(Py_UCS4));
    if (kept != NULL) {
        memcpy(kept, chars, len * sizeof(Py_UCS4));
        cache->slots[slot] = (Cached){kept, len, hash, Py_NewRef(attr)};
        cache->count++;
    }
    return attr;
}

/* The first:/last: attribute of the word text[start:end] (stripped of the edge marks,
 * lowercased, '~' when longer than max_word), from ``map`` (a new reference). */
static PyObject *
word_attr(PyObject *text, Py_ssize_t start, Py_ssize_t end, PyObject *map)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    while (start < end && is_edge(PyUnicode_READ(kind, data, start))) {
        start++;
    }
    while (end > start && is_edge(PyUnicode_READ(kind, data, end - 1))) {
        end--;
    }
    if (PyUnicode_IS_ASCII(text) && end - start > C.max_word) {
        return lookup(map, C.tilde);
    }
    Py_ssize_t length;
    Py_UCS4 *chars = cased(text, start, end, 0, &length);
    if (chars == NULL) {
        return NULL;
    }
    if (length > C.max_word) {
        PyMem_Free(chars);
        return lookup(map, C.tilde);
    }
    PyObject *attr = cached_word_attr(map == C.first_map ? &first_cache : &last_cache, chars,
                                      length, map);
    PyMem_Free(chars);
    return attr;
}

/* A block's counts in one pass over its characters. */
#define SCAN(TYPE, LEN)                                                                    \
    {                                                                                      \
        const TYPE *chars = (const TYPE *)data;                                            \
        for (Py_ssize_t i = 0; i < (LEN); i++) {                                           \
            Py_UCS4 ch = chars[i];                                                         \
            if (ch < 256) {                                                                \
                switch (latin[ch]) {                                                       \
                case PLAIN:                                                                \
                    break;                                                                 \
                case SPACE:                                                                \
                    spaces++;                                                              \
                    break;                                                                 \
                case CAPITAL:                                                              \
                    upper++;                                                               \
                    break;                                                                 \
                case DIGIT:                                                                \
                    if (digit < 0 && i < head) {                                           \
                        digit = i;                                                         \
                    }                                                                      \
                    break;                                                                 \
                case AT:                                                                   \
                    at = 1;                                                                \
                    break;                                                                 \
                case PIPE:                                                                 \
                    pipes++;                                                               \
                    break;                                                                 \
                case MIDDOT:                                                               \
                    bullet = 1;                                                            \
                    break;                                                                 \
                case COPY:                                                                 \
                    maybe_copy = 1;                                                        \
                    break;                                                                 \
                case DOT:                                                                  \
                    if (i < head) {                                                        \
                        dot = 1;                                                           \
                    }                                                                      \
                    break;                                                                 \
                }                                                                          \
            } else if (ch == 0x2022) {                                                     \
                bullet = 1;                                                                \
            } else if (digit < 0 && i < head && Py_UNICODE_ISDECIMAL(ch)) {                \
                digit = i;                                                                 \
            }                                                                              \
        }                                                                                  \
    }

/* The counts by class (latin[]) of a Latin-1 block's characters past its head, where only
 * the spaces, capitals, '@', '|', '·' and '(' or '©' count: a table's count a character, no
 * branch (SCAN's switch cost about twice as many instructions a character). */
static void
latin_counts(const Py_UCS1 *chars, Py_ssize_t n, Py_ssize_t counts[DOT + 1])
{
    Py_ssize_t a[DOT + 1] = {0}, b[DOT + 1] = {0};
    Py_ssize_t i = 0;
    for (; i + 4 <= n; i += 4) {
        a[latin[chars[i]]]++;
        b[latin[chars[i + 1]]]++;
        a[latin[chars[i + 2]]]++;
        b[latin[chars[i + 3]]]++;
    }
    for (; i < n; i++) {
        a[latin[chars[i]]]++;
    }
    for (int k = 0; k <= DOT; k++) {
        counts[k] = a[k] + b[k];
    }
}

/* latin_counts of a two-byte block's characters past its head: its Latin-1 ones by class, and
 * whether another is a bullet (U+2022; a decimal digit of another script counts in the head
 * only). SCAN's switch over them cost about twice as many instructions a character. */
static int
wide_counts(const Py_UCS2 *chars, Py_ssize_t n, Py_ssize_t counts[DOT + 1])
{
    Py_ssize_t a[DOT + 1] = {0};
    int bullet = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS2 ch = chars[i];
        if (ch < 256) {
            a[latin[ch]]++;
        } else {
            bullet |= ch == 0x2022;
        }
    }
    for (int k = 0; k <= DOT; k++) {
        counts[k] = a[k];
    }
    return bullet;
}

static int
fifth(Py_ssize_t part, Py_ssize_t whole)
{
    if (whole <= 0) {
        return 0;
    }
    double fifths = nearbyint(5.0 * (double)part / (double)whole); /* round half to even */
    return fifths < 5 ? (int)fifths : 5;
}

/* features._Shape: the block's facts, its tokens and its first and last words. */
static int
shape_of(Shape *s, PyObject *block, Heads *heads)
{
    s->text = PyObject_GetAttr(block, str_text);
    if (s->text == NULL) {
        return -1;
    }
    if (!PyUnicode_Check(s->text)) {
        PyErr_SetString(PyExc_TypeError, "a block's text must be a str");
        return -1;
    }
    PyObject *kind = PyObject_GetAttr(block, str_kind);
    if (kind == NULL) {
        return -1;
    }
    s->kind = lookup(C.kind_map, kind);
    Py_DECREF(kind);
    if (s->kind == NULL) {
        return -1;
    }
    PyObject *text = s->text;
    Py_ssize_t len = s->len = PyUnicode_GET_LENGTH(text);
    int kind_of = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t spaces = 0, upper = 0, digit = -1, pipes = 0, head = C.head;
    int at = 0, bullet = 0, maybe_copy = 0, dot = 0;
    if (kind_of == PyUnicode_1BYTE_KIND || kind_of == PyUnicode_2BYTE_KIND) {
        /* the head by the switch (a digit's or a dot's place counts there), the rest by
         * counts of the classes */
        Py_ssize_t split = len < head ? len : head, counts[DOT + 1];
        if (kind_of == PyUnicode_1BYTE_KIND) {
            SCAN(Py_UCS1, split)
            latin_counts((const Py_UCS1 *)data + split, len - split, counts);
        } else {
            SCAN(Py_UCS2, split)
            bullet |= wide_counts((const Py_UCS2 *)data + split, len - split, counts);
        }
        spaces += counts[SPACE];
        upper += counts[CAPITAL];
        pipes += counts[PIPE];
        at |= counts[AT] > 0;
        bullet |= counts[MIDDOT] > 0;
        maybe_copy |= counts[COPY] > 0;
    } else {
        SCAN(Py_UCS4, len)
    }
    s->upper = upper;
    s->digit = digit;
    s->pipes = pipes;
    s->at = at;
    s->bullet = bullet;
    s->maybe_copy = maybe_copy;
    s->dot_in_head = dot;
    s->words = len ? spaces + 1 : 0;
    /* lexicon.ends_sentence */
    Py_ssize_t end = len;
    while (end > 0 && is_mark(PyUnicode_READ(kind_of, data, end - 1), C.closing, C.n_closing)) {
        end--;
    }
    s->sentence = end > 0 && is_mark(PyUnicode_READ(kind_of, data, end - 1), C.ends, C.n_ends);
    s->story = s->words >= C.story_long_words || (s->words >= C.story_words && s->sentence);
    /* the first and last words: up to the first space, from the last */
    Py_ssize_t first_end = PyUnicode_FindChar(text, ' ', 0, len, 1);
    Py_ssize_t last_start = PyUnicode_FindChar(text, ' ', 0, len, -1);
    if (first_end == -2 || last_start == -2) {
        return -1;
    }
    s->first = word_attr(text, 0, first_end < 0 ? len : first_end, C.first_map);
    if (s->first == NULL) {
        return -1;
    }
    s->last = word_attr(text, last_start < 0 ? 0 : last_start + 1, len, C.last_map);
    if (s->last == NULL) {
        return -1;
    }
    if (tokenize(s, heads)) {
        return -1;
    }
    s->date = 0;
    if (s->words <= 12) {
        for (Py_ssize_t n = s->token; n < s->token + s->tokens && !s->date; n++) {
            Span *span = &heads->spans[n];
            s->date = words_has(&date_set, heads->chars + span->start, span->len, span->hash, 0);
        }
    }
    s->kept = C.kept_kept;
    return 0;
}

/* features._language_cues: each block's stopword density in the page's language (the
 * stoplist holding most of the distinct words of the page's first blocks). */
static int
language_cues(Shape *shapes, Py_ssize_t total, Heads *heads)
{
    Py_ssize_t taken = 0, last = 0;
    for (Py_ssize_t b = 0; b < total; b++) {
        taken += shapes[b].tokens;
        last = shapes[b].token + shapes[b].tokens;
        if (taken >= C.sample_words) {
            break;
        }
    }
    WordSet sample;
    if (words_init(&sample, (size_t)last)) {
        return -1;
    }
    /* the sample's distinct words: their first spans, in order */
    Span **distinct = PyMem_Malloc((last ? last : 1) * sizeof(Span *));
    if (distinct == NULL) {
        words_free(&sample);
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t count = 0;
    const Py_UCS4 *chars = heads->chars;
    for (Py_ssize_t n = 0; n < last; n++) {
        Span *span = &heads->spans[n];
        if (!words_has(&sample, chars + span->start, span->len, span->hash, 1)) {
            distinct[count++] = span;
        }
    }
    WordSet *best = NULL;
    Py_ssize_t best_count = -1;
    for (Py_ssize_t n = 0; n < stop_count; n++) {
        Py_ssize_t found = 0;
        for (Py_ssize_t k = 0; k < count; k++) {
            const Span *word = distinct[k];
            found += stop_has(&stop_sets[n], chars + word->start, word->len, word->hash);
        }
        if (found > best_count) { /* max(): the first of the densest */
            best = &stop_sets[n];
            best_count = found;
        }
    }
    PyMem_Free(distinct);
    words_free(&sample);
    for (Py_ssize_t b = 0; b < total; b++) {
        Py_ssize_t hits = 0, count = shapes[b].tokens;
        for (Py_ssize_t n = shapes[b].token; n < shapes[b].token + count; n++) {
            Span *span = &heads->spans[n];
            hits += stop_has(best, chars + span->start, span->len, span->hash);
        }
        if (count) {
            Py_ssize_t tenths = hits * 10 / count;
            shapes[b].stop = tenths < 5 ? (int)tenths : 5;
        }
    }
    return 0;
}

/* An attribute of a slotted class (Kept's index and block, Block's text) read from its slot,
 * where its type's attribute lookup is the generic one and the name is the slot's member
 * descriptor (as PyObject_GetAttr would read it); the type and its version tag kept, so that a
 * class changed since is looked up again. Else, and for an empty slot, PyObject_GetAttr. */
typedef struct {
    PyTypeObject *type;
    unsigned int tag;
    Py_ssize_t offset;
} KeptSlot;

static KeptSlot kept_slots[3];

static PyObject *
kept_get(PyObject *obj, PyObject *name, KeptSlot *slot)
{
    PyTypeObject *type = Py_TYPE(obj);
    if (type != slot->type || type->tp_version_tag != slot->tag
        || !(type->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG)) {
        slot->type = NULL;
        if (type->tp_getattro == PyObject_GenericGetAttr) {
            PyObject *descr = _PyType_Lookup(type, name); /* (borrowed) */
            if (descr != NULL && Py_IS_TYPE(descr, &PyMemberDescr_Type)
                && (type->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG)) {
                PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
                if (member->type == T_OBJECT_EX && !(member->flags & READ_RESTRICTED)
                    && PyType_IsSubtype(type, PyDescr_TYPE(descr))) {
                    slot->type = type;
                    slot->tag = type->tp_version_tag;
                    slot->offset = member->offset;
                }
            }
        }
        if (slot->type == NULL) {
            return PyObject_GetAttr(obj, name);
        }
    }
    PyObject *value = *(PyObject **)((char *)obj + slot->offset);
    return value == NULL ? PyObject_GetAttr(obj, name) : Py_NewRef(value);
}

/* The kept blocks a walk is handed (engine.apply.Kept: .index, .block.text; printed_twice,
 * repeat_facts, next_story_candidates, block_features), read once: each block's page index
 * (where asked) and text, as the Python reads them (an attribute missing: its AttributeError;
 * kept not iterable: its TypeError). */
typedef struct {
    Py_ssize_t n;
    Py_ssize_t *index; /* each block's page index (NULL where not asked) */
    PyObject **text;   /* each block's text (new references) */
} KeptTexts;

static void
kept_texts_free(KeptTexts *k)
{
    for (Py_ssize_t p = 0; k->text != NULL && p < k->n; p++) {
        Py_XDECREF(k->text[p]); /* (NULL past the blocks read) */
    }
    PyMem_Free(k->text);
    PyMem_Free(k->index);
    k->n = 0;
    k->text = NULL;
    k->index = NULL;
}

/* kept's blocks into k (kept_texts_free it, also on failure): with their indexes where
 * indexes, each text a str where strs (TypeError "a block's text must be a str" else). */
static int
kept_texts(PyObject *kept, int indexes, int strs, KeptTexts *k)
{
    k->n = 0;
    k->index = NULL;
    k->text = NULL;
    /* (a list or tuple as it is; another iterable listed; else the Python's TypeError, "'int'
     * object is not iterable") */
    PyObject *seq = PyList_CheckExact(kept) || PyTuple_CheckExact(kept) ? Py_NewRef(kept)
                                                                         : PySequence_List(kept);
    if (seq == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    int failed = -1;
    k->text = PyMem_Calloc(n ? n : 1, sizeof(PyObject *));
    k->index = indexes ? PyMem_Malloc((n ? n : 1) * sizeof(Py_ssize_t)) : NULL;
    if (k->text == NULL || (indexes && k->index == NULL)) {
        PyErr_NoMemory();
        goto done;
    }
    k->n = n;
    for (Py_ssize_t p = 0; p < n; p++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, p);
        if (indexes) {
            PyObject *value = kept_get(item, str_index, &kept_slots[0]);
            if (value == NULL) {
                goto done;
            }
            k->index[p] = PyLong_AsSsize_t(value);
            Py_DECREF(value);
            if (k->index[p] == -1 && PyErr_Occurred()) {
                goto done;
            }
        }
        PyObject *block = kept_get(item, str_block, &kept_slots[1]);
        if (block == NULL) {
            goto done;
        }
        k->text[p] = kept_get(block, str_text, &kept_slots[2]);
        Py_DECREF(block);
        if (k->text[p] == NULL) {
            goto done;
        }
        if (strs && !PyUnicode_Check(k->text[p])) {
            PyErr_SetString(PyExc_TypeError, "a block's text must be a str");
            goto done;
        }
    }
    failed = 0;
done:
    Py_DECREF(seq);
    return failed;
}

/* features._rule_cues: whether each block stayed (kept, cut or gone). */
static int
kept_cues(Shape *shapes, Py_ssize_t total, PyObject *kept)
{
    PyObject **texts = PyMem_Calloc(total ? total : 1, sizeof(PyObject *));
    KeptTexts k;
    int status = -1;
    if (kept_texts(kept, 1, 0, &k) || texts == NULL) {
        if (texts == NULL) {
            PyErr_NoMemory();
        }
        goto done;
    }
    for (Py_ssize_t p = 0; p < k.n; p++) {
        Py_ssize_t at = k.index[p];
        if (at >= 0 && at < total) {
            Py_XSETREF(texts[at], Py_NewRef(k.text[p])); /* (the last of an index, as a dict) */
        }
    }
    for (Py_ssize_t b = 0; b < total; b++) {
        if (texts[b] == NULL) {
            shapes[b].kept = C.kept_gone;
        } else if (texts[b] != shapes[b].text) {
            int same = PyObject_RichCompareBool(texts[b], shapes[b].text, Py_EQ);
            if (same < 0) {
                goto done;
            }
            if (!same) {
                shapes[b].kept = C.kept_cut;
            }
        }
    }
    status = 0;
done:
    kept_texts_free(&k);
    for (Py_ssize_t b = 0; texts != NULL && b < total; b++) {
        Py_XDECREF(texts[b]);
    }
    PyMem_Free(texts);
    return status;
}

/* The length of text[start:end] casefolded (case_into's with fold), without folding it: a
 * Latin-1 text's characters fold to one each but for 'ß' ('ss'); others are asked of the
 * case tables one by one. -1 where the tables are not at hand. */
static Py_ssize_t
folded_length(PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    int kind = PyUnicode_KIND(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *chars = PyUnicode_1BYTE_DATA(text);
        Py_ssize_t n = end - start;
        const Py_UCS1 *at = chars + start, *stop = chars + end;
        while (at < stop && (at = memchr(at, 0xDF, (size_t)(stop - at))) != NULL) {
            n++;
            at++;
        }
        return n;
    }
#ifdef CASE_TABLES
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 out[3];
    Py_ssize_t n = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        n += ch < 128 ? 1 : _PyUnicode_ToFoldedFull(ch, out);
    }
    return n;
#else
    return -1;
#endif
}

/* features._repeat_cues: a block whose words another block repeats (its text stripped of the
 * edge marks and casefolded, if of at most 40 words). Two keys are the same only if of the
 * same length: a block whose key's length no other block's has is not keyed (on the seeds,
 * 804 of the 7,263 characters of their keys are in keys of a shared length). */
#define NO_KEY (-2) /* a block of more than 40 words, or only edge marks */

static int
repeat_cues(Shape *shapes, Py_ssize_t total)
{
    WordSet seen, twice;
    Py_ssize_t *range = PyMem_Malloc(sizeof(Py_ssize_t) * 3 * (size_t)(total > 0 ? total : 1));
    if (range == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (words_init(&seen, (size_t)total)) {
        PyMem_Free(range);
        return -1;
    }
    if (words_init(&twice, (size_t)total)) {
        words_free(&seen);
        PyMem_Free(range);
        return -1;
    }
    int status = -1;
    unsigned char *lengths = NULL; /* how many keys have each length, up to two */
    Py_ssize_t longest = 0;
    int unknown = 0; /* a key's length not known: every block keyed */
    for (Py_ssize_t b = 0; b < total; b++) {
        Shape *s = &shapes[b];
        Py_ssize_t *r = range + 3 * b; /* start, end, the key's length (-1: not known) */
        r[2] = NO_KEY;
        if (s->words > 40) {
            continue;
        }
        int kind = PyUnicode_KIND(s->text);
        const void *data = PyUnicode_DATA(s->text);
        Py_ssize_t start = 0, end = s->len;
        while (start < end && is_edge(PyUnicode_READ(kind, data, start))) {
            start++;
        }
        while (end > start
               && is_edge(PyUnicode_READ(kind, data, end - 1))) {
            end--;
        }
        if (start == end) {
            continue;
        }
        r[0] = start;
        r[1] = end;
        r[2] = folded_length(s->text, start, end);
        if (r[2] < 0) {
            unknown = 1;
        } else if (r[2] > longest) {
            longest = r[2];
        }
    }
    if (!unknown) {
        lengths = PyMem_Calloc((size_t)longest + 1, 1);
        if (lengths == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t b = 0; b < total; b++) {
            Py_ssize_t n = range[3 * b + 2];
            if (n != NO_KEY && lengths[n] < 2) {
                lengths[n]++;
            }
        }
    }
    for (Py_ssize_t b = 0; b < total; b++) {
        Shape *s = &shapes[b];
        const Py_ssize_t *r = range + 3 * b;
        if (r[2] == NO_KEY || (!unknown && lengths[r[2]] < 2)) {
            continue; /* no key, or no other key of its length */
        }
        s->key = cased(s->text, r[0], r[1], 1, &s->key_len);
        if (s->key == NULL) {
            goto done;
        }
        if (s->key_len == 0) {
            continue;
        }
        s->key_hash = hash_of(s->key, s->key_len);
        if (words_has(&seen, s->key, s->key_len, s->key_hash, 1)) {
            words_has(&twice, s->key, s->key_len, s->key_hash, 1);
        }
    }
    for (Py_ssize_t b = 0; b < total; b++) {
        Shape *s = &shapes[b];
        if (s->key != NULL && s->key_len
            && words_has(&twice, s->key, s->key_len, s->key_hash, 0)) {
            s->dup = (s->words <= 30 && !s->story) ? 2 : 1;
        }
    }
    status = 0;
done:
    words_free(&seen);
    words_free(&twice);
    PyMem_Free(lengths);
    PyMem_Free(range);
    return status;
}


static int
add(PyObject *list, PyObject *attr)
{
    return PyList_Append(list, attr);
}

/* Whether text[at:] opens with the ASCII ``word``, within text[:end]. */
static int
opens_with(int kind, const void *data, Py_ssize_t at, Py_ssize_t end, const char *word)
{
    for (; *word; word++, at++) {
        if (at >= end || PyUnicode_READ(kind, data, at) != (Py_UCS4)(unsigned char)*word) {
            return 0;
        }
    }
    return 1;
}

/* Whether one of the copyright forms (each opening with '(' or '©': C.copy_gate) is in the
 * Latin-1 text chars[:len]: each place of a form's first character found by memchr and the
 * form compared there (three substring searches of the whole text cost about 40,000
 * instructions a seed document). */
static int
latin_has_form(const Py_UCS1 *chars, Py_ssize_t len)
{
    Py_ssize_t forms = PyTuple_GET_SIZE(C.copyright_forms);
    for (int opening = 0; opening < 2; opening++) {
        Py_UCS1 mark = opening ? 0xA9 : '(';
        const Py_UCS1 *at = chars, *stop = chars + len;
        while (at < stop && (at = memchr(at, mark, (size_t)(stop - at))) != NULL) {
            for (Py_ssize_t n = 0; n < forms; n++) {
                PyObject *form = PyTuple_GET_ITEM(C.copyright_forms, n);
                Py_ssize_t size = PyUnicode_GET_LENGTH(form), k = 0;
                if (size > stop - at) {
                    continue;
                }
                while (k < size && PyUnicode_READ_CHAR(form, k) == at[k]) {
                    k++;
                }
                if (k == size) {
                    return 1;
                }
            }
            at++;
        }
    }
    return 0;
}

/* Whether text[:end] holds a URL's mark at its ``at`` (a '.' or a ':'): ``www.`` whose dot it
 * is, a dot and one of the domains followed by no word character (``\b``: re's word characters
 * are the alphanumerics and '_'; the head's end is an edge), ``http://`` or ``https://`` whose
 * colon it is. */
static int
url_at(int kind, const void *data, Py_ssize_t at, Py_ssize_t end)
{
    static const char *domains[] = {"com", "org", "net", "co.uk", "de", "fr"};
    if (PyUnicode_READ(kind, data, at) == ':') {
        return opens_with(kind, data, at, end, "://")
               && ((at >= 4 && opens_with(kind, data, at - 4, end, "http"))
                   || (at >= 5 && opens_with(kind, data, at - 5, end, "https")));
    }
    if (at >= 3 && opens_with(kind, data, at - 3, end, "www")) {
        return 1;
    }
    for (size_t n = 0; n < sizeof(domains) / sizeof(*domains); n++) {
        if (opens_with(kind, data, at + 1, end, domains[n])) {
            Py_ssize_t after = at + 1 + (Py_ssize_t)strlen(domains[n]);
            if (after >= end) {
                return 1;
            }
            Py_UCS4 next = PyUnicode_READ(kind, data, after);
            if (!(Py_UNICODE_ISALNUM(next) || next == '_')) {
                return 1;
            }
        }
    }
    return 0;
}

/* features._URL searched in text[:end]: each of its three forms holds a '.' ('www.', a dot
 * and a domain) or a ':' ('http://', 'https://'), and only those are looked at (memchr in a
 * Latin-1 text): the places where a match holds one (url_at), so the same answer as a test of
 * each place of the text for each form (which cost about 32,000 instructions a seed
 * document). */
static int
has_url(PyObject *text, Py_ssize_t end)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *chars = (const Py_UCS1 *)data;
        for (int mark = 0; mark < 2; mark++) {
            const Py_UCS1 *at = chars, *stop = chars + end;
            while (at < stop && (at = memchr(at, mark ? ':' : '.', (size_t)(stop - at))) != NULL) {
                if (url_at(kind, data, at - chars, end)) {
                    return 1;
                }
                at++;
            }
        }
        return 0;
    }
    for (Py_ssize_t i = 0; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if ((ch == '.' || ch == ':') && url_at(kind, data, i, end)) {
            return 1;
        }
    }
    return 0;
}

/* re's \w, \d and \s of a str pattern */
static int
is_word(Py_UCS4 ch)
{
    return Py_UNICODE_ISALNUM(ch) || ch == '_';
}

/* The character at ``at`` of text[:end] (-1: none: an edge). */
static Py_UCS4
char_at(int kind, const void *data, Py_ssize_t at, Py_ssize_t end)
{
    return at >= 0 && at < end ? PyUnicode_READ(kind, data, at) : (Py_UCS4)-1;
}

static int
is_decimal_at(int kind, const void *data, Py_ssize_t at, Py_ssize_t end)
{
    Py_UCS4 ch = char_at(kind, data, at, end);
    return ch != (Py_UCS4)-1 && Py_UNICODE_ISDECIMAL(ch);
}

/* No word character at ``at`` (\b after a word character: the head's end is an edge). */
static int
edge_at(int kind, const void *data, Py_ssize_t at, Py_ssize_t end)
{
    Py_UCS4 ch = char_at(kind, data, at, end);
    return ch == (Py_UCS4)-1 || !is_word(ch);
}

/* features._YEAR searched in text[:end] from ``start``: '19' or '20' with no word character
 * before it, two digits, and no word character after (the lookbehind sees before
 * ``start``, as re's does). */
static int
has_year(PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t p = start; p + 3 < end; p++) {
        Py_UCS4 a = PyUnicode_READ(kind, data, p), b = PyUnicode_READ(kind, data, p + 1);
        if (((a == '1' && b == '9') || (a == '2' && b == '0'))
            && (p == 0 || !is_word(PyUnicode_READ(kind, data, p - 1)))
            && is_decimal_at(kind, data, p + 2, end) && is_decimal_at(kind, data, p + 3, end)
            && edge_at(kind, data, p + 4, end)) {
            return 1;
        }
    }
    return 0;
}

/* Whether text[at:end] opens with 'am', 'pm', 'a.m.' or 'p.m.' in any case. */
static int
meridiem_at(int kind, const void *data, Py_ssize_t at, Py_ssize_t end)
{
    Py_UCS4 first = char_at(kind, data, at, end);
    if (first != 'a' && first != 'A' && first != 'p' && first != 'P') {
        return 0;
    }
    Py_UCS4 second = char_at(kind, data, at + 1, end);
    if (second == 'm' || second == 'M') {
        return 1;
    }
    Py_UCS4 third = char_at(kind, data, at + 2, end);
    return second == '.' && (third == 'm' || third == 'M')
           && char_at(kind, data, at + 3, end) == '.';
}

/* features._TIME searched in text[:end] from ``start``: a digit with no word character before
 * it, maybe a second digit, then ':' or '.' and two digits and no word character, or maybe
 * one space and 'am', 'pm', 'a.m.' or 'p.m.' in any case. */
static int
has_time(PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t p = start; p < end; p++) {
        if (!is_decimal_at(kind, data, p, end)
            || (p > 0 && is_word(PyUnicode_READ(kind, data, p - 1)))) {
            continue;
        }
        /* \d? greedy, then without it */
        for (Py_ssize_t q = is_decimal_at(kind, data, p + 1, end) ? p + 2 : p + 1; q > p; q--) {
            Py_UCS4 mark = char_at(kind, data, q, end);
            if ((mark == ':' || mark == '.') && is_decimal_at(kind, data, q + 1, end)
                && is_decimal_at(kind, data, q + 2, end) && edge_at(kind, data, q + 3, end)) {
                return 1;
            }
            if (mark != (Py_UCS4)-1 && Py_UNICODE_ISSPACE(mark)
                && meridiem_at(kind, data, q + 1, end)) {
                return 1;
            }
            if (meridiem_at(kind, data, q, end)) {
                return 1;
            }
        }
    }
    return 0;
}

/* topic.py's topic cue. A content word: a run of C.content_chars word characters or more (re's
 * \w) of the block's text lowercased, as code points in a page-wide buffer (a Heads: its
 * spans are the runs), no Python string made of it. */
/* The span heads->chars[start:heads->used] with its hash when it is a content word, else its
 * characters dropped. */
static int
content_run(Heads *heads, Py_ssize_t start, Py_uhash_t hash)
{
    Py_ssize_t len = heads->used - start;
    if (len < C.content_chars) {
        heads->used = start;
        return 0;
    }
    Span *span = spans_push(heads);
    if (span == NULL) {
        return -1;
    }
    *span = (Span){start, len, hash};
    return 0;
}

/* One character of a content word scan: ``low`` (lowered) goes on the run when it is a word
 * character (``word``), else it ends the run. */
#define CONTENT_CHAR(low, word)                                                            \
    if (word) {                                                                            \
        out[used++] = (low);                                                               \
        hash = (hash ^ (low)) * FNV_PRIME;                                                 \
    } else if (used > start) {                                                             \
        heads->used = used;                                                                \
        if (content_run(heads, start, hash)) {                                             \
            return -1;                                                                     \
        }                                                                                  \
        used = start = heads->used;                                                        \
        hash = FNV_START;                                                                  \
    }

/* The characters of a block as TYPE, lowered one by one (the case tables, as str.lower();
 * Latin-1 by C.word_lower); ``by_python`` where a character's lower case depends on its
 * neighbours (a capital sigma) or the tables are not at hand. */
#ifdef CASE_TABLES
#define LOWER_FULL(ch, low) (ch == 0x3A3 ? -1 : _PyUnicode_ToLowerFull(ch, low))
#else
#define LOWER_FULL(ch, low) (-1)
#endif
#define CONTENT_SCAN(TYPE)                                                                 \
    {                                                                                      \
        const TYPE *chars = (const TYPE *)data;                                            \
        for (Py_ssize_t i = 0; i < len; i++) {                                             \
            Py_UCS4 ch = chars[i];                                                         \
            if (ch < 256) {                                                                \
                Py_UCS4 low = C.word_lower[ch];                                            \
                CONTENT_CHAR(low, low)                                                     \
                continue;                                                                  \
            }                                                                              \
            Py_UCS4 lows[3];                                                               \
            int n = LOWER_FULL(ch, lows);                                                  \
            if (n < 0) {                                                                   \
                goto by_python;                                                            \
            }                                                                              \
            for (int k = 0; k < n; k++) {                                                  \
                CONTENT_CHAR(lows[k], is_word(lows[k]))                                    \
            }                                                                              \
        }                                                                                  \
    }

/* A block's content words appended to ``heads``: s->span, s->spans. */
static int
content_words(Shape *s, Heads *heads)
{
    PyObject *text = s->text;
    Py_ssize_t len = s->len, used, start;
    Py_uhash_t hash = FNV_START;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t from = heads->used; /* where the block's words begin, for a second try */
    s->span = heads->count;
    if (heads_room(heads, kind == PyUnicode_1BYTE_KIND ? len : 3 * len)) {
        return -1;
    }
    Py_UCS4 *out = heads->chars;
    used = start = from;
    if (kind == PyUnicode_1BYTE_KIND) {
        CONTENT_SCAN(Py_UCS1)
    } else if (kind == PyUnicode_2BYTE_KIND) {
        CONTENT_SCAN(Py_UCS2)
    } else {
        CONTENT_SCAN(Py_UCS4)
    }
    goto end;
by_python:
    /* str.lower() of the whole text, then the same scan of its code points */
    heads->used = from;
    heads->count = s->span;
    {
        Py_ssize_t length;
        Py_UCS4 *lowered = cased(text, 0, len, 0, &length);
        if (lowered == NULL) {
            return -1;
        }
        if (heads_room(heads, length)) {
            PyMem_Free(lowered);
            return -1;
        }
        out = heads->chars;
        used = start = from;
        hash = FNV_START;
        for (Py_ssize_t i = 0; i < length; i++) {
            Py_UCS4 ch = lowered[i];
            if (ch < 256 ? C.word_lower[ch] != 0 : is_word(ch)) {
                out[used++] = ch;
                hash = (hash ^ ch) * FNV_PRIME;
            } else if (used > start) {
                heads->used = used;
                if (content_run(heads, start, hash)) {
                    PyMem_Free(lowered);
                    return -1;
                }
                used = start = heads->used;
                hash = FNV_START;
            }
        }
        PyMem_Free(lowered);
    }
end:
    heads->used = used;
    if (used > start && content_run(heads, start, hash)) {
        return -1;
    }
    s->spans = heads->count - s->span;
    return 0;
}

/* A content word of the page, once: its span, the last block found holding it, and how many
 * story-shaped blocks hold it (at most two). */
typedef struct {
    const Span *span;
    Py_ssize_t block;
    size_t slot; /* its slot in topic_slots */
    int story;
} Content;

/* topic_cues' hash table of the page's content words (a word's index in its ``contents`` + 1;
 * 0: an empty slot), kept for the process and grown to the largest page's: all zero between
 * calls (each call empties the slots it filled), so a page's table is not zeroed whole (a
 * seed page's 32 KB, some 17,000 instructions of memset, for about 1,000 slots filled). The
 * table is filled and emptied with no Python code run between. */
static uint32_t *topic_slots;
static size_t topic_room;

static int
by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Whether two spans of ``chars`` hold the same code points. */
static int
same_span(const Py_UCS4 *chars, const Span *a, const Span *b)
{
    return a->hash == b->hash && a->len == b->len
           && memcmp(chars + a->start, chars + b->start, a->len * sizeof(Py_UCS4)) == 0;
}

/* topic.topic_cues: each block of C.topic_words words or more, on a page with a story-shaped
 * block, gets its share of content words that another story-shaped block holds (a
 * story-shaped block's: that two hold; any other's: that one holds), less the median of
 * the story-shaped blocks' shares, in fifths (s->topic). */
static int
topic_cues(Shape *shapes, Py_ssize_t total)
{
    Heads words = {NULL, 0, 0, NULL, 0, 0};
    uint32_t *slots = NULL; /* topic_slots, once it has room for the page */
    uint32_t distinct = 0;  /* the slots filled: emptied at the end */
    Content *contents = NULL;
    Py_ssize_t *ids = NULL; /* each block's distinct words, from its first span on */
    double *shares = NULL;  /* each block's share; then the story-shaped blocks', sorted */
    int status = -1;
    Py_ssize_t chars = 0;
    for (Py_ssize_t b = 0; b < total; b++) {
        chars += shapes[b].words >= C.topic_words ? shapes[b].len : 0;
    }
    /* room for every block's words at once, but for lower cases longer than their capitals */
    Py_ssize_t runs = chars / (C.content_chars + 1) + total + 1;
    words.spans = PyMem_Malloc(runs * sizeof(Span));
    if (words.spans == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    words.room = runs;
    if (heads_room(&words, chars)) {
        goto done;
    }
    for (Py_ssize_t b = 0; b < total; b++) {
        Shape *s = &shapes[b];
        s->topic = -1;
        s->span = s->spans = s->contents = 0;
        if (s->words >= C.topic_words && content_words(s, &words)) {
            goto done;
        }
    }
    if (words.count == 0) {
        status = 0;
        goto done;
    }
    if (words.count >= UINT32_MAX / 4) {
        PyErr_SetString(PyExc_ValueError, "block_features: too many words");
        goto done;
    }
    size_t size = 8;
    while (size < 2 * (size_t)words.count) {
        size <<= 1;
    }
    if (size > topic_room) {
        PyMem_Free(topic_slots);
        topic_room = 0;
        topic_slots = PyMem_Calloc(size, sizeof(uint32_t));
        if (topic_slots != NULL) {
            topic_room = size;
        }
    }
    contents = PyMem_Malloc(words.count * sizeof(Content));
    ids = PyMem_Malloc(words.count * sizeof(Py_ssize_t));
    shares = PyMem_Malloc(2 * total * sizeof(double));
    if (topic_slots == NULL || contents == NULL || ids == NULL || shares == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    slots = topic_slots;
    for (Py_ssize_t b = 0; b < total; b++) {
        Shape *s = &shapes[b];
        for (Py_ssize_t n = s->span; n < s->span + s->spans; n++) {
            const Span *span = &words.spans[n];
            size_t at = span->hash & (size - 1);
            while (slots[at] && !same_span(words.chars, contents[slots[at] - 1].span, span)) {
                at = (at + 1) & (size - 1);
            }
            if (slots[at] == 0) {
                contents[distinct] = (Content){span, -1, at, 0};
                slots[at] = ++distinct;
            }
            Content *word = &contents[slots[at] - 1];
            if (word->block != b) {
                word->block = b;
                word->story += s->story && word->story < 2;
                ids[s->span + s->contents++] = slots[at] - 1;
            }
        }
    }
    Py_ssize_t stories = 0;
    for (Py_ssize_t b = 0; b < total; b++) {
        Shape *s = &shapes[b];
        if (s->contents == 0) {
            continue;
        }
        int need = s->story ? 2 : 1;
        Py_ssize_t shared = 0;
        for (Py_ssize_t n = s->span; n < s->span + s->contents; n++) {
            shared += contents[ids[n]].story >= need;
        }
        shares[b] = (double)shared / (double)s->contents;
        stories += s->story;
    }
    if (stories == 0) {
        status = 0;
        goto done;
    }
    double *sorted = shares + total;
    Py_ssize_t taken = 0;
    for (Py_ssize_t b = 0; b < total; b++) {
        if (shapes[b].contents && shapes[b].story) {
            sorted[taken++] = shares[b];
        }
    }
    qsort(sorted, stories, sizeof(double), by_value);
    double median = sorted[stories / 2];
    Py_ssize_t high = C.topic_low + PyTuple_GET_SIZE(C.topic) - 1;
    for (Py_ssize_t b = 0; b < total; b++) {
        if (shapes[b].contents) {
            double fifths = nearbyint(5.0 * (shares[b] - median)); /* round half to even */
            Py_ssize_t n = fifths < (double)C.topic_low ? C.topic_low
                           : fifths > (double)high      ? high
                                                        : (Py_ssize_t)fifths;
            shapes[b].topic = (int)(n - C.topic_low);
        }
    }
    status = 0;
done:
    for (uint32_t n = 0; n < distinct; n++) {
        slots[contents[n].slot] = 0;
    }
    PyMem_Free(words.chars);
    PyMem_Free(words.spans);
    PyMem_Free(contents);
    PyMem_Free(ids);
    PyMem_Free(shares);
    return status;
}

#define WORDS(s) PyTuple_GET_ITEM(C.word_attrs, (s)->words < C.word_top ? (s)->words : C.word_top)

/* features._own and _place: a block's own attributes, and what the blocks one and two away
 * see of it. */
static int
own_of(Shape *s, Py_ssize_t i, Py_ssize_t total, Py_ssize_t first_story, Py_ssize_t last_story,
       PyObject *feats, PyObject *near, PyObject *far)
{
    PyObject *text = s->text;
    Py_ssize_t len = s->len;
    PyObject *words = WORDS(s);
    PyObject *sent = PyTuple_GET_ITEM(C.sent, s->sentence);
    PyObject *story = PyTuple_GET_ITEM(C.story, s->story);
    PyObject *start = char_attr(text, len ? 0 : -1, C.start_attr, C.start_cache);
    if (start == NULL) {
        return -1;
    }
    PyObject *end = char_attr(text, len ? len - 1 : -1, C.end_attr, C.end_cache);
    if (end == NULL) {
        Py_DECREF(start);
        return -1;
    }
    int failed = add(near, words) || add(near, sent) || add(near, story) || add(near, s->first)
                 || add(near, s->kept) || add(far, words) || add(far, story)
                 || add(feats, C.bias) || add(feats, s->kind) || add(feats, words)
                 || add(feats, PyTuple_GET_ITEM(C.char_attrs, len < C.char_top ? len : C.char_top))
                 || add(feats, sent) || add(feats, story) || add(feats, end) || add(feats, start)
                 || add(feats, PyTuple_GET_ITEM(C.tc, fifth(s->upper, s->words)))
                 || add(feats, PyTuple_GET_ITEM(C.caps, fifth(s->upper, len - s->words + 1)))
                 || add(feats, PyTuple_GET_ITEM(C.stop, s->stop)) || add(feats, s->first)
                 || add(feats, s->last) || add(feats, s->kept);
    Py_DECREF(start);
    Py_DECREF(end);
    if (failed) {
        return -1;
    }
    if (s->extra != NULL) {
        PyObject *group = PyTuple_GET_ITEM(s->extra, 0), *field = PyTuple_GET_ITEM(s->extra, 1);
        PyObject *rules = PyTuple_GET_ITEM(s->extra, 2);
        if (add(near, field) || add(far, field) || add(feats, group) || add(feats, field)) {
            return -1;
        }
        for (Py_ssize_t n = 0; n < PyList_GET_SIZE(rules); n++) {
            if (add(feats, PyList_GET_ITEM(rules, n))) {
                return -1;
            }
        }
    }
    if (s->digit >= 0) {
        Py_ssize_t end = len < C.head ? len : C.head;
        if (add(feats, C.digit) || (has_year(text, s->digit, end) && add(feats, C.year))
            || (has_time(text, s->digit, end) && add(feats, C.time))) {
            return -1;
        }
    }
    if (s->date && (add(feats, C.date) || add(near, C.date))) {
        return -1;
    }
    if ((s->at && add(feats, C.at))
        || (s->pipes && add(feats, PyTuple_GET_ITEM(C.pipes, s->pipes < 3 ? s->pipes : 3)))
        || (s->bullet && add(feats, C.dot))) {
        return -1;
    }
    Py_ssize_t forms = s->maybe_copy || !C.copy_gate ? PyTuple_GET_SIZE(C.copyright_forms) : 0;
    if (forms && C.copy_gate && PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND) {
        /* every form opens with '(' or '©': asked only where one of them stands */
        int in = latin_has_form(PyUnicode_1BYTE_DATA(text), len);
        if (in && add(feats, C.copy)) {
            return -1;
        }
        forms = 0;
    }
    for (Py_ssize_t n = 0; n < forms; n++) {
        int in = PyUnicode_Contains(text, PyTuple_GET_ITEM(C.copyright_forms, n));
        if (in < 0 || (in && add(feats, C.copy))) {
            return -1;
        }
        if (in) {
            break;
        }
    }
    if (s->dot_in_head && has_url(text, len < C.head ? len : C.head) && add(feats, C.url)) {
        return -1;
    }
    if (len == 0) {
        if (add(feats, C.open_empty)) {
            return -1;
        }
    } else {
        Py_UCS4 first = PyUnicode_READ_CHAR(text, 0);
        PyObject *open = first == '#' ? C.open_hash : first == '[' ? C.open_bracket
                         : first == '(' ? C.open_paren : NULL;
        if (open != NULL && add(feats, open)) {
            return -1;
        }
    }
    if (s->dup) {
        PyObject *dup = s->dup == 2 ? C.dup_title : C.dup_one;
        if (add(near, dup) || add(feats, dup)) {
            return -1;
        }
    }
    /* _place */
    PyObject *where;
    if (i < first_story) {
        where = C.vs_before;
    } else if (i == first_story) {
        where = C.vs_first;
    } else if (i > last_story) {
        where = C.vs_after;
    } else {
        where = i == last_story ? C.vs_last : C.vs_inside;
    }
    Py_ssize_t to_end = total - 1 - i, to_first = i - first_story;
    to_first = to_first < -4 ? -4 : to_first > 4 ? 4 : to_first;
    return add(feats, PyTuple_GET_ITEM(C.rel, 10 * i / total))
           || add(feats, PyTuple_GET_ITEM(C.idx, i < 6 ? i : 6))
           || add(feats, PyTuple_GET_ITEM(C.toend, to_end < 6 ? to_end : 6)) || add(feats, where)
           || add(feats, PyTuple_GET_ITEM(C.tofirst, 4 + to_first));
}

static PyObject *
block_features(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (!C.ready) {
        PyErr_SetString(PyExc_RuntimeError, "block_features: configure() first");
        return NULL;
    }
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "block_features(blocks, kept, extras, stoplists)");
        return NULL;
    }
    PyObject *blocks = PySequence_Fast(args[0], "blocks: a sequence expected");
    if (blocks == NULL) {
        return NULL;
    }
    PyObject *extras = args[2], *stoplists = args[3];
    if (!PyDict_Check(extras) || !PyTuple_Check(stoplists)) {
        Py_DECREF(blocks);
        PyErr_SetString(PyExc_TypeError, "block_features: extras a dict, stoplists a tuple");
        return NULL;
    }
    Py_ssize_t total = PySequence_Fast_GET_SIZE(blocks);
    Heads heads = {NULL, 0, 0, NULL, 0, 0};
    Shape *shapes = PyMem_Calloc(total ? total : 1, sizeof(Shape));
    PyObject *own = PyList_New(total), *near = PyList_New(total), *far = PyList_New(total);
    PyObject *result = NULL;
    if (shapes == NULL || own == NULL || near == NULL || far == NULL) {
        if (shapes == NULL) {
            PyErr_NoMemory();
        }
        goto done;
    }
    if (stoplists_of(stoplists)) {
        goto done;
    }
    /* room for the heads of a page of some 50 blocks at once: grown a little at a time, they
     * were copied again and again (about 40,000 instructions a seed document) */
    heads.spans = PyMem_Malloc(4096 * sizeof(Span));
    if (heads.spans == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    heads.room = 4096;
    if (heads_room(&heads, 16384)) {
        goto done;
    }
    for (Py_ssize_t b = 0; b < total; b++) {
        if (shape_of(&shapes[b], PySequence_Fast_GET_ITEM(blocks, b), &heads)) {
            goto done;
        }
    }
    if (language_cues(shapes, total, &heads) || kept_cues(shapes, total, args[1])) {
        goto done;
    }
    {
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (PyDict_Next(extras, &pos, &key, &value)) {
            Py_ssize_t at = PyLong_AsSsize_t(key);
            if (at == -1 && PyErr_Occurred()) {
                goto done;
            }
            if (!PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 3
                || !PyList_Check(PyTuple_GET_ITEM(value, 2))) {
                PyErr_SetString(PyExc_TypeError, "extras: (group, field, [rules]) expected");
                goto done;
            }
            if (at >= 0 && at < total) {
                shapes[at].extra = value;
            }
        }
    }
    if (repeat_cues(shapes, total) || topic_cues(shapes, total)) {
        goto done;
    }
    Py_ssize_t first_story = total, last_story = -1;
    for (Py_ssize_t b = 0; b < total; b++) {
        if (shapes[b].story && shapes[b].kept != C.kept_gone) {
            if (first_story == total) {
                first_story = b;
            }
            last_story = b;
        }
    }
    for (Py_ssize_t b = 0; b < total; b++) {
        PyObject *feats = PyList_New(0), *close = PyList_New(0), *two = PyList_New(0);
        if (feats == NULL || close == NULL || two == NULL) {
            Py_XDECREF(feats);
            Py_XDECREF(close);
            Py_XDECREF(two);
            goto done;
        }
        PyList_SET_ITEM(own, b, feats);
        PyList_SET_ITEM(near, b, close);
        PyList_SET_ITEM(far, b, two);
        if (own_of(&shapes[b], b, total, first_story, last_story, feats, close, two)
            || (shapes[b].topic >= 0 && add(feats, PyTuple_GET_ITEM(C.topic, shapes[b].topic)))) {
            goto done;
        }
    }
    result = PyTuple_Pack(3, own, near, far);
done:
    for (Py_ssize_t b = 0; shapes != NULL && b < total; b++) {
        Py_XDECREF(shapes[b].text);
        Py_XDECREF(shapes[b].kind);
        Py_XDECREF(shapes[b].first);
        Py_XDECREF(shapes[b].last);
        PyMem_Free(shapes[b].key);
    }
    PyMem_Free(shapes);
    PyMem_Free(heads.chars);
    PyMem_Free(heads.spans);
    Py_XDECREF(own);
    Py_XDECREF(near);
    Py_XDECREF(far);
    Py_DECREF(blocks);
    return result;
}

/* Append the records of ``attrs`` (each table[attr]: bytes) to the buffer. */
static int
append_records(char **buffer, Py_ssize_t *used, Py_ssize_t *size, PyObject *attrs,
               PyObject *table)
{
    PyObject *items = PySequence_Fast(attrs, "join_records: sequences of attributes expected");
    if (items == NULL) {
        return -1;
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(items);
    for (Py_ssize_t n = 0; n < count; n++) {
        PyObject *record = lookup(table, PySequence_Fast_GET_ITEM(items, n));
        if (record == NULL) {
            Py_DECREF(items);
            return -1;
        }
        if (!PyBytes_Check(record)) {
            Py_DECREF(record);
            Py_DECREF(items);
            PyErr_SetString(PyExc_TypeError, "join_records: records must be bytes");
            return -1;
        }
        Py_ssize_t length = PyBytes_GET_SIZE(record);
        if (*used + length > *size) {
            Py_ssize_t grown = (*size + length) * 2;
            char *more = PyMem_Realloc(*buffer, grown);
            if (more == NULL) {
                Py_DECREF(record);
                Py_DECREF(items);
                PyErr_NoMemory();
                return -1;
            }
            *buffer = more;
            *size = grown;
        }
        memcpy(*buffer + *used, PyBytes_AS_STRING(record), length);
        *used += length;
        Py_DECREF(record);
    }
    Py_DECREF(items);
    return 0;
}

/* join_records(own, near, far, tables, edges): each block's records as CTagger.set_blocks
 * joins them: its own attributes' (tables[0]), then the block two before's far ones
 * (tables[1]) or edges[0], one before's near ones (tables[2]) or edges[1], one after's near
 * ones (tables[3]) or edges[2], two after's far ones (tables[4]) or edges[3]. */
static PyObject *
join_records(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "join_records(own, near, far, tables, edges)");
        return NULL;
    }
    PyObject *own = args[0], *near = args[1], *far = args[2], *tables = args[3];
    PyObject *edges = args[4];
    if (!PyList_Check(own) || !PyList_Check(near) || !PyList_Check(far)
        || !PyTuple_Check(tables) || PyTuple_GET_SIZE(tables) != 5 || !PyTuple_Check(edges)
        || PyTuple_GET_SIZE(edges) != 4) {
        PyErr_SetString(PyExc_TypeError, "join_records: lists, five tables and four edges");
        return NULL;
    }
    Py_ssize_t total = PyList_GET_SIZE(own);
    if (PyList_GET_SIZE(near) != total || PyList_GET_SIZE(far) != total) {
        PyErr_SetString(PyExc_ValueError, "join_records: columns of different lengths");
        return NULL;
    }
    for (int n = 0; n < 4; n++) {
        if (!PyBytes_Check(PyTuple_GET_ITEM(edges, n))) {
            PyErr_SetString(PyExc_TypeError, "join_records: edge records must be bytes");
            return NULL;
        }
    }
    PyObject *records = PyList_New(total);
    Py_ssize_t size = 4096, used;
    char *buffer = PyMem_Malloc(size);
    if (records == NULL || buffer == NULL) {
        Py_XDECREF(records);
        PyMem_Free(buffer);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t b = 0; b < total; b++) {
        used = 0;
        struct {
            Py_ssize_t at;
            PyObject *column;
        } parts[5] = {{b, own}, {b - 2, far}, {b - 1, near}, {b + 1, near}, {b + 2, far}};
        for (int n = 0; n < 5; n++) {
            Py_ssize_t at = parts[n].at;
            if (at < 0 || at >= total) {
                PyObject *edge = PyTuple_GET_ITEM(edges, n - 1);
                Py_ssize_t length = PyBytes_GET_SIZE(edge);
                if (used + length > size) {
                    char *more = PyMem_Realloc(buffer, (size + length) * 2);
                    if (more == NULL) {
                        goto fail;
                    }
                    buffer = more;
                    size = (size + length) * 2;
                }
                memcpy(buffer + used, PyBytes_AS_STRING(edge), length);
                used += length;
            } else if (append_records(&buffer, &used, &size,
                                      PyList_GET_ITEM(parts[n].column, at),
                                      PyTuple_GET_ITEM(tables, n))) {
                goto fail;
            }
        }
        PyObject *joined = PyBytes_FromStringAndSize(buffer, used);
        if (joined == NULL) {
            goto fail;
        }
        PyList_SET_ITEM(records, b, joined);
    }
    PyMem_Free(buffer);
    return records;
fail:
    if (!PyErr_Occurred()) {
        PyErr_NoMemory();
    }
    PyMem_Free(buffer);
    Py_DECREF(records);
    return NULL;
}

/* Append crfsuite's record of attribute ``name`` with ``value`` (crf._ATTRIBUTE, "=i4xd": the
 * id as a native int32, four zero bytes, the value as a native double) where ids[name] is not
 * negative, as crf.weighted_records' comprehension packs it. 0, or -1 on an error. */
static int
append_weighted(char **buffer, Py_ssize_t *used, Py_ssize_t *size, PyObject *ids,
                PyObject *name, PyObject *value)
{
    PyObject *found = lookup(ids, name);
    if (found == NULL) {
        return -1;
    }
    int overflow;
    long long aid = PyLong_AsLongLongAndOverflow(found, &overflow);
    Py_DECREF(found);
    if (aid == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (overflow < 0 || aid < 0) {
        return 0; /* unknown to the model: left out */
    }
    if (overflow > 0 || aid > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "weighted_records: an attribute id past int32");
        return -1;
    }
    double weight = PyFloat_AsDouble(value);
    if (weight == -1.0 && PyErr_Occurred()) {
        return -1;
    }
    if (*used + 16 > *size) {
        char *more = PyMem_Realloc(*buffer, *size * 2);
        if (more == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *buffer = more;
        *size *= 2;
    }
    int32_t id = (int32_t)aid;
    char *at = *buffer + *used;
    memcpy(at, &id, 4);
    memset(at + 4, 0, 4);
    memcpy(at + 8, &weight, 8);
    *used += 16;
    return 0;
}

/* weighted_records(ids, xseq): crf.weighted_records: each item's records, from a mapping of
 * attribute names to values (the headline model's items), in the mapping's order. */
static PyObject *
weighted_records(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyDict_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "weighted_records(ids, xseq): a dict of ids");
        return NULL;
    }
    PyObject *ids = args[0];
    PyObject *seq = PySequence_Fast(args[1], "weighted_records: a sequence of items expected");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t total = PySequence_Fast_GET_SIZE(seq);
    PyObject *records = PyList_New(total);
    Py_ssize_t size = 1024, used;
    char *buffer = PyMem_Malloc(size);
    if (records == NULL || buffer == NULL) {
        Py_XDECREF(records);
        Py_DECREF(seq);
        PyMem_Free(buffer);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t n = 0; n < total; n++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, n);
        used = 0;
        if (PyDict_CheckExact(item)) {
            /* (names and values held: ids' __missing__ runs Python) */
            Py_ssize_t pos = 0;
            PyObject *name, *value;
            Py_INCREF(item);
            while (PyDict_Next(item, &pos, &name, &value)) {
                Py_INCREF(name);
                Py_INCREF(value);
                int failed = append_weighted(&buffer, &used, &size, ids, name, value);
                Py_DECREF(name);
                Py_DECREF(value);
                if (failed) {
                    Py_DECREF(item);
                    goto fail;
                }
            }
            Py_DECREF(item);
        } else {
            PyObject *pairs = PyMapping_Items(item);
            if (pairs == NULL) {
                goto fail;
            }
            for (Py_ssize_t k = 0; k < PyList_GET_SIZE(pairs); k++) {
                PyObject *pair = PyList_GET_ITEM(pairs, k);
                if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
                    Py_DECREF(pairs);
                    PyErr_SetString(PyExc_TypeError, "weighted_records: items() of pairs");
                    goto fail;
                }
                if (append_weighted(&buffer, &used, &size, ids, PyTuple_GET_ITEM(pair, 0),
                                    PyTuple_GET_ITEM(pair, 1))) {
                    Py_DECREF(pairs);
                    goto fail;
                }
            }
            Py_DECREF(pairs);
        }
        PyObject *joined = PyBytes_FromStringAndSize(buffer, used);
        if (joined == NULL) {
            goto fail;
        }
        PyList_SET_ITEM(records, n, joined);
    }
    PyMem_Free(buffer);
    Py_DECREF(seq);
    return records;
fail:
    PyMem_Free(buffer);
    Py_DECREF(records);
    Py_DECREF(seq);
    return NULL;
}

/* ---- The story model's state scores (cleaner/passes/crf.py, CTagger.set_blocks), summed
 * here and written into crfsuite's own tagger, whose Viterbi and marginals then run as ever.
 * CRF_HASH is crf.py's code_hash of what this follows there (compiled_follows.CRF): the order
 * of a block's records (joined_records: its own attributes, then those of the blocks two and
 * one before it, one and two after it, an edge's past the page) and the state table
 * (state_table: each attribute's features in the model file's order). crfsuite adds, for each
 * item, each attribute's features in that order into a row zeroed by its set()
 * (crf1d_tag.c, crf1dt_state_score: state[label] += weight * value, the value 1 here): the
 * same additions in the same order here, so the same bits (tests/test_crf.py). ---- */

#define CRF_HASH "b0d212503f9ef67a"

/* crfsuite's records (crfsuite.h: crfsuite_attribute_t, crfsuite_item_t,
 * crfsuite_instance_t, the head of crfsuite_tagger_t) and its tagger's internals
 * (crf1d_tag.c: crf1dt_t; crf1d.h: the head of crf1d_context_t) as python-crfsuite 0.9's
 * build lays them out. crf.py uses this only after a probe page scores the same both ways;
 * score_blocks checks the counts it can before writing. */
typedef struct {
    int aid;
    double value;
} CrfAttribute;

typedef struct {
    int num_contents;
    int cap_contents;
    CrfAttribute *contents;
} CrfItem;

typedef struct {
    int num_items;
    int cap_items;
    CrfItem *items;
    int *labels;
    double weight;
    int group;
} CrfInstance;

typedef struct CrfTagger CrfTagger;
struct CrfTagger {
    void *internal;
    int nref;
    int (*addref)(CrfTagger *);
    int (*release)(CrfTagger *);
    int (*set)(CrfTagger *, CrfInstance *);
    int (*length)(CrfTagger *);
    int (*viterbi)(CrfTagger *, int *, double *);
    int (*score)(CrfTagger *, int *, double *);
    int (*lognorm)(CrfTagger *, double *);
    int (*marginal_point)(CrfTagger *, int, int, double *);
};

typedef struct {
    int flag;
    int num_labels;
    int num_items;
    int cap_items;
    double log_norm;
    double *state;
} CrfContext;

typedef struct {
    void *model;
    CrfContext *ctx;
    int num_labels;
    int num_attributes;
    int level;
} Crf1dt;

/* Ids of one column's attributes, block by block: block b's from at[b] to at[b + 1], each
 * `width` ids (a block's own: its id; a neighbour's: before and after it). */
typedef struct {
    int *ids;
    Py_ssize_t *at;
} Resolved;

/* An id read from a table's value (an int; any negative one, as crfsuite's -1023 for a string
 * it does not hold: unknown to the model, -1 here). */
static int
id_of(PyObject *value, int attrs, int *out)
{
    long aid = PyLong_AsLong(value);
    if (aid == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (aid >= attrs) {
        PyErr_SetString(PyExc_ValueError, "score_blocks: an attribute id out of the model");
        return -1;
    }
    *out = aid < 0 ? -1 : (int)aid;
    return 0;
}

/* A model's state features packed for score_blocks: each attribute's features (state_table's
 * labels and weights, in its order) side by side, its run's length in its first, so that an
 * attribute's features are read from one place; the runs laid out in the order the attributes
 * are first met (placed when the id cache first finds an attribute), so that the attributes
 * every page has (the first page's) stand together. A seed page's 290 distinct attributes have
 * some 1,650 features, read from the L2's lines fetched again at every page: by their ids in
 * state_table's three arrays (an attribute's start, labels, weights) 471 L2 misses a seed
 * document, packed by ids 465, packed in the order first met 413 (benchmarks/README.md
 * storyspeed29). Built once a state table, filled as its attributes are met. */
typedef struct {
    int label;
    int count; /* an attribute's first feature: the number of its features; else 0 */
    double weight;
} PackedFeature;

#define UNPLACED (-2)
#define PACKED_NAME "cleaner.passes._cfeatures.packed"

typedef struct {
    PyObject *source[3]; /* state_table's starts, labels and weights bytes (new references) */
    long attrs;
    int *places;              /* each attribute's first feature; -1: none; UNPLACED: not yet */
    PackedFeature *features; /* room for all of them */
    Py_ssize_t used;
} Packed;

static void
packed_free(PyObject *capsule)
{
    Packed *packed = PyCapsule_GetPointer(capsule, PACKED_NAME);
    if (packed == NULL) {
        PyErr_Clear();
        return;
    }
    for (int n = 0; n < 3; n++) {
        Py_XDECREF(packed->source[n]);
    }
    PyMem_Free(packed->places);
    PyMem_Free(packed->features);
    PyMem_Free(packed);
}

/* The packed table score_blocks made last (a capsule of a Packed), kept for the next page. */
static PyObject *packed_table;

/* The packed table of a state table (a new reference to its capsule; NULL and ValueError
 * where a start or label is out of the model). Its attributes are placed by place_of. */
static PyObject *
packed_of(PyObject *starts_bytes, PyObject *labels_bytes, PyObject *weights_bytes, long attrs,
          long labels_n)
{
    if (packed_table != NULL) {
        Packed *last = PyCapsule_GetPointer(packed_table, PACKED_NAME);
        if (last != NULL && last->source[0] == starts_bytes && last->source[1] == labels_bytes
            && last->source[2] == weights_bytes && last->attrs == attrs) {
            return Py_NewRef(packed_table);
        }
        PyErr_Clear();
    }
    const int *starts = (const int *)PyBytes_AS_STRING(starts_bytes);
    const int *labels = (const int *)PyBytes_AS_STRING(labels_bytes);
    Py_ssize_t features = starts[attrs];
    for (long aid = 0; aid < attrs; aid++) {
        if (starts[aid] < 0 || starts[aid + 1] < starts[aid] || starts[aid + 1] > features) {
            PyErr_SetString(PyExc_ValueError, "score_blocks: not a scorer");
            return NULL;
        }
    }
    for (Py_ssize_t f = 0; f < features; f++) {
        if (labels[f] < 0 || labels[f] >= labels_n) {
            PyErr_SetString(PyExc_ValueError, "score_blocks: not a scorer");
            return NULL;
        }
    }
    Packed *packed = PyMem_Calloc(1, sizeof(Packed));
    if (packed == NULL) {
        return PyErr_NoMemory();
    }
    packed->places = PyMem_Malloc((attrs ? attrs : 1) * sizeof(int));
    packed->features = PyMem_Malloc((features ? features : 1) * sizeof(PackedFeature));
    PyObject *capsule = NULL;
    if (packed->places == NULL || packed->features == NULL
        || (capsule = PyCapsule_New(packed, PACKED_NAME, packed_free)) == NULL) {
        PyMem_Free(packed->places);
        PyMem_Free(packed->features);
        PyMem_Free(packed);
        return PyErr_Occurred() ? NULL : PyErr_NoMemory();
    }
    for (long aid = 0; aid < attrs; aid++) {
        packed->places[aid] = UNPLACED;
    }
    packed->source[0] = Py_NewRef(starts_bytes);
    packed->source[1] = Py_NewRef(labels_bytes);
    packed->source[2] = Py_NewRef(weights_bytes);
    packed->attrs = attrs;
    Py_XSETREF(packed_table, Py_NewRef(capsule));
    return capsule;
}

/* An id's place in the packed table (-1: an attribute unknown to the model, or one without
 * features: either adds nothing to a score), its features copied there when first asked. */
static int
place_of(int aid, Packed *packed)
{
    if (aid < 0) {
        return -1;
    }
    if (packed->places[aid] == UNPLACED) {
        const int *starts = (const int *)PyBytes_AS_STRING(packed->source[0]);
        const int *labels = (const int *)PyBytes_AS_STRING(packed->source[1]);
        const double *weights = (const double *)PyBytes_AS_STRING(packed->source[2]);
        int start = starts[aid], end = starts[aid + 1];
        if (end == start) {
            packed->places[aid] = -1;
        } else {
            PackedFeature *run = packed->features + packed->used;
            for (int f = start; f < end; f++) {
                run[f - start].label = labels[f];
                run[f - start].count = f == start ? end - start : 0;
                run[f - start].weight = weights[f];
            }
            packed->places[aid] = (int)packed->used;
            packed->used += end - start;
        }
    }
    return packed->places[aid];
}

/* The places (in the packed table) of the features of the attributes a table gave each
 * attribute object, by the object's address: most of a page's attributes are the same str
 * objects page after page (the module's tables, the first and last words' cache), and a
 * table's value for a string never changes (the model's id of it, crf.py's _Ids and _Pairs:
 * their __missing__ asks the model). A dict lookup and the int's reading cost about 170
 * instructions an attribute, about 1,300 a seed document; a hit here about 20. Each key held
 * (its address is never another object's while held), the table and packed table too;
 * emptied when another table, packed table or model comes, or past ID_CACHE_MAX keys. */
#define ID_CACHE_SLOTS 16384
#define ID_CACHE_MAX (ID_CACHE_SLOTS / 2)

typedef struct {
    PyObject *key; /* a new reference; NULL: an empty slot */
    int ids[2];    /* the places of its features (-1: none), before and after a block */
} IdSlot;

typedef struct {
    PyObject *table;  /* a new reference, or NULL */
    PyObject *packed; /* a new reference, or NULL */
    int attrs, width;
    Py_ssize_t count;
    IdSlot *slots;
} IdCache;

static IdCache id_caches[3];

static void
id_cache_clear(IdCache *cache)
{
    for (Py_ssize_t at = 0; cache->slots != NULL && at < ID_CACHE_SLOTS; at++) {
        Py_CLEAR(cache->slots[at].key);
    }
    cache->count = 0;
    Py_CLEAR(cache->table);
    Py_CLEAR(cache->packed);
}

/* A key's first slot: its address in 64 bytes, not mixed. Most of a page's attributes are the
 * module's str objects made one after another (features.py's tables, each one's strings in a
 * row), each at least 64 bytes from the next (a str object: 49 bytes and more, allocated in
 * 16): the strings of a table stand in slots side by side, four to a line of the cache, where
 * a mixed hash spread them one a line (a line fetched from the L3 for each, every page:
 * benchmarks/README.md storyspeed29), and no two keys so made share a first slot. */
static inline size_t
id_slot_of(PyObject *key)
{
    return ((size_t)key >> 6) & (ID_CACHE_SLOTS - 1);
}

/* The cache's slot for ``key``: its own, or the empty one where it would go. */
static inline IdSlot *
id_slot(IdCache *cache, PyObject *key)
{
    size_t at = id_slot_of(key);
    while (cache->slots[at].key != NULL && cache->slots[at].key != key) {
        at = (at + 1) & (ID_CACHE_SLOTS - 1);
    }
    return &cache->slots[at];
}

/* Each block's attributes of `column` looked up in `table` (its __missing__ asked where
 * absent), as the places of their features in `packed` (a capsule of the packed table):
 * `width` 1, an int each; 2, a pair of ints. An attribute whose features are none (-1, or
 * both -1) is left out: it adds nothing. */
static int
resolve(PyObject *column, PyObject *table, int width, int attrs, Resolved *out,
        IdCache *cache, PyObject *packed)
{
    if (cache->slots == NULL) {
        cache->slots = PyMem_Calloc(ID_CACHE_SLOTS, sizeof(IdSlot));
        if (cache->slots == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    }
    if (cache->table != table || cache->packed != packed || cache->attrs != attrs
        || cache->width != width) {
        id_cache_clear(cache);
        cache->table = Py_NewRef(table);
        cache->packed = Py_NewRef(packed);
        cache->attrs = attrs;
        cache->width = width;
    }
    Py_ssize_t total = PyList_GET_SIZE(column), count = 0;
    out->ids = NULL;
    out->at = PyMem_Malloc((total + 1) * sizeof(Py_ssize_t));
    if (out->at == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t b = 0; b < total; b++) {
        PyObject *item = PyList_GET_ITEM(column, b);
        if (!PyList_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "score_blocks: lists of attributes expected");
            return -1;
        }
        count += PyList_GET_SIZE(item);
    }
    out->ids = PyMem_Malloc((count ? count : 1) * width * sizeof(int));
    if (out->ids == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t used = 0, seen = 0;
    for (Py_ssize_t b = 0; b < total; b++) {
        out->at[b] = used;
        PyObject *item = PyList_GET_ITEM(column, b);
        for (Py_ssize_t n = 0; n < PyList_GET_SIZE(item); n++) {
            if (++seen > count) { /* a table's __missing__ grew a list */
                PyErr_SetString(PyExc_RuntimeError, "score_blocks: a list changed");
                return -1;
            }
            PyObject *attr = PyList_GET_ITEM(item, n);
            int exact = PyUnicode_CheckExact(attr);
            int *ids = &out->ids[used];
            if (exact && cache->table == table && cache->packed == packed) {
                IdSlot *slot = id_slot(cache, attr);
                if (slot->key != NULL) {
                    ids[0] = slot->ids[0];
                    if (width == 2) {
                        ids[1] = slot->ids[1];
                    }
                    if (ids[0] >= 0 || (width == 2 && ids[1] >= 0)) {
                        used += width;
                    }
                    continue;
                }
            }
            PyObject *found = lookup(table, attr);
            if (found == NULL) {
                return -1;
            }
            int failed;
            if (width == 1) {
                failed = id_of(found, attrs, &ids[0]);
            } else if (PyTuple_Check(found) && PyTuple_GET_SIZE(found) == 2) {
                failed = id_of(PyTuple_GET_ITEM(found, 0), attrs, &ids[0])
                         || id_of(PyTuple_GET_ITEM(found, 1), attrs, &ids[1]);
            } else {
                PyErr_SetString(PyExc_TypeError, "score_blocks: pairs of ids expected");
                failed = 1;
            }
            Py_DECREF(found);
            if (failed) {
                return -1;
            }
            Packed *places = PyCapsule_GetPointer(packed, PACKED_NAME);
            if (places == NULL) {
                return -1;
            }
            ids[0] = place_of(ids[0], places);
            if (width == 2) {
                ids[1] = place_of(ids[1], places);
            }
            /* the lookup may have run Python (the table's __missing__) and another thread
             * this function: the cache is asked again */
            if (exact && cache->slots != NULL && cache->table == table
                && cache->packed == packed) {
                if (cache->count >= ID_CACHE_MAX) {
                    id_cache_clear(cache);
                    cache->table = Py_NewRef(table);
                    cache->packed = Py_NewRef(packed);
                }
                IdSlot *slot = id_slot(cache, attr);
                if (slot->key == NULL) {
                    slot->key = Py_NewRef(attr);
                    slot->ids[0] = ids[0];
                    slot->ids[1] = width == 2 ? ids[1] : -1;
                    cache->count++;
                }
            }
            if (ids[0] >= 0 || (width == 2 && ids[1] >= 0)) {
                used += width;
            }
        }
    }
    out->at[total] = used;
    return 0;
}

/* marginal_point(tagger, label, index) -> float: crfsuite's tagger's marginal_point (at its
 * address, as CTagger holds it) of a label id at an item of the page last set, which crf.py's
 * CTagger.marginal asks through ctypes: the same function on the same arguments, without
 * ctypes' conversions (about 9,000 instructions a call, 170 a page of 9 KB in the decide
 * stage). crf.py checks the range of both and uses this only after the probe page gets every
 * probability as ctypes does. */
static PyObject *
marginal_point(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "marginal_point(tagger, label, index)");
        return NULL;
    }
    CrfTagger *tagger = PyLong_AsVoidPtr(args[0]);
    long label = PyLong_AsLong(args[1]);
    long index = PyLong_AsLong(args[2]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (tagger == NULL || tagger->marginal_point == NULL || label < 0 || label > INT_MAX
        || index < 0 || index > INT_MAX) {
        PyErr_SetString(PyExc_ValueError, "marginal_point: not a tagger, label or index");
        return NULL;
    }
    double prob = 0.0;
    if (tagger->marginal_point(tagger, (int)label, (int)index, &prob)) {
        PyErr_SetString(PyExc_RuntimeError, "crfsuite could not compute the marginal probability");
        return NULL;
    }
    return PyFloat_FromDouble(prob);
}

/* Add the features at `place` in the packed table (none: -1) to a block's row, in the state
 * table's order: the sums crfsuite makes. */
static inline void
add_features(double *row, int place, const PackedFeature *features)
{
    if (place < 0) {
        return;
    }
    const PackedFeature *f = features + place;
    for (int k = 0, end = f->count; k < end; k++) {
        row[f[k].label] += f[k].weight;
    }
}

/* A little-endian uint32 of the model file at `at` (crf1d_model.c's read_uint32). */
static inline uint32_t
file_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* state_table(data): crf.py's state_table, the same tuple (or ValueError), in one pass over
 * the file's references instead of the interpreter's unpacking of each. */
static PyObject *
state_table(PyObject *self, PyObject *arg)
{
    if (!PyBytes_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "state_table: bytes expected");
        return NULL;
    }
    const unsigned char *data = (const unsigned char *)PyBytes_AS_STRING(arg);
    Py_ssize_t size = PyBytes_GET_SIZE(arg);
    PyObject *starts = NULL, *labels = NULL, *weights = NULL, *result = NULL;
    if (size < 48) {
        goto unread;
    }
    uint32_t labels_n = file_u32(data + 20), attrs = file_u32(data + 24);
    uint32_t at_features = file_u32(data + 28), at_refs = file_u32(data + 44);
    if (memcmp(data, "lCRF", 4) || memcmp(data + 8, "FOMC", 4) || at_features > size - 12
        || at_refs > size - 12 || memcmp(data + at_features, "FEAT", 4)
        || memcmp(data + at_refs, "AFRF", 4) || file_u32(data + at_refs + 8) != attrs
        || attrs > (uint32_t)(size - at_refs - 12) / 4 || attrs > INT_MAX - 1) {
        goto unread;
    }
    uint32_t features = file_u32(data + at_features + 8);
    const unsigned char *first = data + at_features + 12;
    if (features > (uint32_t)(size - at_features - 12) / 20) {
        goto unread;
    }
    /* the references counted first: each attribute's number of features */
    Py_ssize_t total = 0;
    for (uint32_t aid = 0; aid < attrs; aid++) {
        uint32_t at = file_u32(data + at_refs + 12 + 4 * (Py_ssize_t)aid);
        if (at > size - 4) {
            goto unread;
        }
        uint32_t count = file_u32(data + at);
        if (count > (uint32_t)(size - at - 4) / 4) {
            goto unread;
        }
        total += count;
    }
    if (total > INT_MAX) {
        goto unread;
    }
    starts = PyBytes_FromStringAndSize(NULL, ((Py_ssize_t)attrs + 1) * sizeof(int));
    labels = PyBytes_FromStringAndSize(NULL, total * sizeof(int));
    weights = PyBytes_FromStringAndSize(NULL, total * sizeof(double));
    if (starts == NULL || labels == NULL || weights == NULL) {
        goto done;
    }
    int *start = (int *)PyBytes_AS_STRING(starts), *label = (int *)PyBytes_AS_STRING(labels);
    double *weight = (double *)PyBytes_AS_STRING(weights);
    int used = 0;
    start[0] = 0;
    for (uint32_t aid = 0; aid < attrs; aid++) {
        const unsigned char *ref = data + file_u32(data + at_refs + 12 + 4 * (Py_ssize_t)aid);
        uint32_t count = file_u32(ref);
        for (uint32_t r = 0; r < count; r++) {
            uint32_t fid = file_u32(ref + 4 + 4 * (Py_ssize_t)r);
            if (fid >= features) {
                PyErr_Format(PyExc_ValueError, "attribute %u refers to feature %u of %u", aid,
                             fid, features);
                goto done;
            }
            const unsigned char *feature = first + 20 * (Py_ssize_t)fid;
            if (file_u32(feature) != 0 || file_u32(feature + 4) != aid
                || file_u32(feature + 8) >= labels_n) {
                PyErr_Format(PyExc_ValueError, "feature %u is no state feature of attribute %u",
                             fid, aid);
                goto done;
            }
            uint64_t bits = (uint64_t)file_u32(feature + 12)
                            | (uint64_t)file_u32(feature + 16) << 32;
            label[used] = (int)file_u32(feature + 8);
            memcpy(&weight[used], &bits, sizeof(double));
            used++;
        }
        start[aid + 1] = used;
    }
    result = Py_BuildValue("(IIOOO)", labels_n, attrs, starts, labels, weights);
    goto done;
unread:
    PyErr_SetString(PyExc_ValueError,
                    "not a crfsuite model of one sequence (CRF1d) read as expected");
done:
    Py_XDECREF(starts);
    Py_XDECREF(labels);
    Py_XDECREF(weights);
    return result;
}

/* score_blocks(scorer, own, near, far): the page's state scores written into crfsuite's
 * tagger; scorer as CTagger._state_scorer makes it: (the tagger's address, the numbers of
 * labels and attributes, state_table's starts, labels and weights, the tables of ids of a
 * block's own, near and far attributes, the edges' four ids). */
static PyObject *
score_blocks(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyTuple_Check(args[0]) || PyTuple_GET_SIZE(args[0]) != 10
        || !PyList_Check(args[1]) || !PyList_Check(args[2]) || !PyList_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "score_blocks(scorer, own, near, far): lists");
        return NULL;
    }
    PyObject *scorer = args[0], *own = args[1], *near = args[2], *far = args[3];
    Py_ssize_t total = PyList_GET_SIZE(own);
    if (PyList_GET_SIZE(near) != total || PyList_GET_SIZE(far) != total) {
        PyErr_SetString(PyExc_ValueError, "score_blocks: columns of different lengths");
        return NULL;
    }
    CrfTagger *tagger = PyLong_AsVoidPtr(PyTuple_GET_ITEM(scorer, 0));
    long labels_n = PyLong_AsLong(PyTuple_GET_ITEM(scorer, 1));
    long attrs = PyLong_AsLong(PyTuple_GET_ITEM(scorer, 2));
    PyObject *starts = PyTuple_GET_ITEM(scorer, 3), *labels = PyTuple_GET_ITEM(scorer, 4);
    PyObject *weights = PyTuple_GET_ITEM(scorer, 5), *edges = PyTuple_GET_ITEM(scorer, 9);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (tagger == NULL || labels_n <= 0 || attrs < 0 || attrs > INT_MAX - 1
        || !PyBytes_Check(starts) || !PyBytes_Check(labels) || !PyBytes_Check(weights)
        || PyBytes_GET_SIZE(starts) != (attrs + 1) * (Py_ssize_t)sizeof(int)
        || !PyTuple_Check(edges) || PyTuple_GET_SIZE(edges) != 4 || total > INT_MAX / labels_n) {
        PyErr_SetString(PyExc_ValueError, "score_blocks: not a scorer");
        return NULL;
    }
    const int *start = (const int *)PyBytes_AS_STRING(starts);
    Py_ssize_t features = start[attrs];
    if (start[0] != 0 || features < 0
        || PyBytes_GET_SIZE(labels) != features * (Py_ssize_t)sizeof(int)
        || PyBytes_GET_SIZE(weights) != features * (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "score_blocks: not a scorer");
        return NULL;
    }
    /* held here: another thread (a table's __missing__ runs Python) may pack another */
    PyObject *packed = packed_of(starts, labels, weights, attrs, labels_n);
    if (packed == NULL) {
        return NULL;
    }
    Packed *places = PyCapsule_GetPointer(packed, PACKED_NAME);
    const PackedFeature *table = NULL;
    int edge[4];
    Resolved mine = {NULL, NULL}, close = {NULL, NULL}, two = {NULL, NULL};
    CrfItem *items = NULL;
    PyObject *result = NULL;
    if (places == NULL) {
        goto done;
    }
    for (int n = 0; n < 4; n++) {
        if (id_of(PyTuple_GET_ITEM(edges, n), (int)attrs, &edge[n])) {
            goto done;
        }
        edge[n] = place_of(edge[n], places);
    }
    if (resolve(own, PyTuple_GET_ITEM(scorer, 6), 1, (int)attrs, &mine, &id_caches[0], packed)
        || resolve(near, PyTuple_GET_ITEM(scorer, 7), 2, (int)attrs, &close, &id_caches[1],
                   packed)
        || resolve(far, PyTuple_GET_ITEM(scorer, 8), 2, (int)attrs, &two, &id_caches[2],
                   packed)) {
        goto done;
    }
    table = places->features; /* its runs all placed now (no Python runs past here) */
    /* crfsuite sizes its context for the page and zeroes its rows (items without
     * attributes add nothing), after the counts it was opened with are checked. */
    Crf1dt *crf = tagger->internal;
    if (crf == NULL || crf->ctx == NULL || crf->num_labels != labels_n
        || crf->num_attributes != attrs || crf->ctx->num_labels != labels_n) {
        PyErr_SetString(PyExc_RuntimeError, "score_blocks: crfsuite's tagger reads otherwise");
        goto done;
    }
    items = PyMem_Calloc(total ? total : 1, sizeof(CrfItem));
    if (items == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    CrfInstance instance = {(int)total, (int)total, items, NULL, 1.0, 0};
    if (tagger->set(tagger, &instance)) {
        PyErr_SetString(PyExc_RuntimeError, "crfsuite could not score the page");
        goto done;
    }
    CrfContext *ctx = crf->ctx;
    if (ctx->num_items != total || ctx->cap_items < total || (total && ctx->state == NULL)) {
        PyErr_SetString(PyExc_RuntimeError, "score_blocks: crfsuite's tagger reads otherwise");
        goto done;
    }
    for (Py_ssize_t b = 0; b < total; b++) {
        double *row = ctx->state + b * labels_n;
        for (Py_ssize_t n = mine.at[b]; n < mine.at[b + 1]; n++) {
            add_features(row, mine.ids[n], table);
        }
        /* the blocks two and one before (their attributes as seen before a block: the
         * first of each pair), one and two after (the second), or the edges */
        if (b >= 2) {
            for (Py_ssize_t n = two.at[b - 2]; n < two.at[b - 1]; n += 2) {
                add_features(row, two.ids[n], table);
            }
        } else {
            add_features(row, edge[0], table);
        }
        if (b >= 1) {
            for (Py_ssize_t n = close.at[b - 1]; n < close.at[b]; n += 2) {
                add_features(row, close.ids[n], table);
            }
        } else {
            add_features(row, edge[1], table);
        }
        if (b + 1 < total) {
            for (Py_ssize_t n = close.at[b + 1]; n < close.at[b + 2]; n += 2) {
                add_features(row, close.ids[n + 1], table);
            }
        } else {
            add_features(row, edge[2], table);
        }
        if (b + 2 < total) {
            for (Py_ssize_t n = two.at[b + 2]; n < two.at[b + 3]; n += 2) {
                add_features(row, two.ids[n + 1], table);
            }
        } else {
            add_features(row, edge[3], table);
        }
    }
    Py_INCREF(Py_None);
    result = Py_None;
done:
    PyMem_Free(items);
    PyMem_Free(mine.ids);
    PyMem_Free(mine.at);
    PyMem_Free(close.ids);
    PyMem_Free(close.at);
    PyMem_Free(two.ids);
    PyMem_Free(two.at);
    Py_DECREF(packed);
    return result;
}


/* Spaces counted in the characters p[i:len] (a TYPE each) while fewer than ``most``: eight bytes
 * at a time, a lane a character (``ones``: a one in each lane). A lane of a space XOR 0x20 is
 * zero, found exactly: no carry crosses a lane, each is added to its all-but-high-bit mask
 * (``low``) only with its high bit off; the lanes' ones are summed into the top lane. */
#define COUNT_SPACES(TYPE, ONES)                                                               \
    do {                                                                                       \
        const TYPE *p = data;                                                                  \
        const int bits = 8 * (int)sizeof(TYPE);                                                \
        const uint64_t ones = (ONES), low = ones * (((uint64_t)1 << (bits - 1)) - 1);          \
        for (; i + 8 / (Py_ssize_t)sizeof(TYPE) <= len && spaces < most;                       \
             i += 8 / (Py_ssize_t)sizeof(TYPE)) {                                              \
            uint64_t x;                                                                        \
            memcpy(&x, p + i, 8);                                                              \
            x ^= ones * ' ';                                                                   \
            uint64_t zero = (~(((x & low) + low) | x) & ~low) >> (bits - 1);                   \
            spaces += (Py_ssize_t)((zero * ones) >> (64 - bits));                              \
        }                                                                                      \
        for (; i < len && spaces < most; i++) {                                                \
            spaces += p[i] == ' ';                                                             \
        }                                                                                      \
    } while (0)

/* text[0:len].count(" ") of a string's characters (of ``kind``), counted no further than
 * ``most`` (0 or more): min(count, most), exact. The file's one space count: blocks.word_count
 * is it and one (the headline features, the page keys, the next story's scans, the story's
 * walk, the caption repeats). The last lanes may count past ``most``: cut back to it. */
static Py_ssize_t
count_spaces(int kind, const void *data, Py_ssize_t len, Py_ssize_t most)
{
    Py_ssize_t spaces = 0, i = 0;
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        COUNT_SPACES(Py_UCS1, 0x0101010101010101ULL);
        break;
    case PyUnicode_2BYTE_KIND:
        COUNT_SPACES(Py_UCS2, 0x0001000100010001ULL);
        break;
    default:
        COUNT_SPACES(Py_UCS4, 0x0000000100000001ULL);
    }
    return spaces > most ? most : spaces;
}

/* count_spaces of a whole str. */
static Py_ssize_t
spaces_of(PyObject *text, Py_ssize_t most)
{
    return count_spaces(PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text),
                        most);
}

/* ---- The headline model's page-wide facts (cleaner/passes/headline.py), apart from the
 * story features above: headline.py's _content_words and _page_keys, which it calls when
 * HEADLINE_HASH is headline.compiled_source_hash() (tests/test_cfeatures.py holds the two
 * to the same values). The rare paths call back into headline.py's own functions. ---- */

/* headline.compiled_source_hash() of the headline.py whose functions these follow. */
#define HEADLINE_HASH "616ec156eead910b"

/* re's [^\W\d_]: a word character that is no decimal digit and no underscore. */
static inline int
hl_letter(Py_UCS4 ch)
{
    return Py_UNICODE_ISALNUM(ch) && !Py_UNICODE_ISDECIMAL(ch) && ch != '_';
}

/* headline._CJK's ranges: Han and kana. */
static inline int
hl_cjk(Py_UCS4 ch)
{
    return (ch >= 0x3040 && ch <= 0x30ff) || (ch >= 0x3400 && ch <= 0x4dbf)
           || (ch >= 0x4e00 && ch <= 0x9fff) || (ch >= 0xf900 && ch <= 0xfaff);
}

/* Add text[start:end] (casefolded when fold) to the set; 0, or -1 on an error. */
static int
hl_add(PyObject *found, PyObject *text, Py_ssize_t start, Py_ssize_t end, int fold)
{
    PyObject *piece = PyUnicode_Substring(text, start, end);
    if (piece == NULL) {
        return -1;
    }
    if (fold) {
        Py_SETREF(piece, PyObject_CallMethodNoArgs(piece, str_casefold));
        if (piece == NULL) {
            return -1;
        }
    }
    int failed = PySet_Add(found, piece);
    Py_DECREF(piece);
    return failed;
}

/* headline._content_words(text): the content words (runs of four letters or more) without
 * case; of a text holding Han or kana, also its runs' pairs of characters. */
static PyObject *
hl_content_words(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "content_words: a str expected");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *found = PySet_New(NULL);
    if (found == NULL) {
        return NULL;
    }
    if (PyUnicode_IS_ASCII(text)) {
        /* text.lower(), every byte that is no letter a space, its words of four or more */
        const Py_UCS1 *bytes = (const Py_UCS1 *)data;
        char word[256];
        Py_ssize_t i = 0;
        while (i < n) {
            if (!Py_ISALPHA(bytes[i])) {
                i++;
                continue;
            }
            Py_ssize_t start = i;
            while (i < n && Py_ISALPHA(bytes[i])) {
                i++;
            }
            Py_ssize_t size = i - start;
            if (size < 4) {
                continue;
            }
            PyObject *piece;
            if (size <= (Py_ssize_t)sizeof word) {
                for (Py_ssize_t k = 0; k < size; k++) {
                    word[k] = (char)Py_TOLOWER(bytes[start + k]);
                }
                piece = PyUnicode_FromStringAndSize(word, size);
            }
            else {
                piece = PyUnicode_Substring(text, start, i);
                if (piece != NULL) {
                    Py_SETREF(piece, PyObject_CallMethodNoArgs(piece, str_lower));
                }
            }
            if (piece == NULL || PySet_Add(found, piece) < 0) {
                Py_XDECREF(piece);
                Py_DECREF(found);
                return NULL;
            }
            Py_DECREF(piece);
        }
        return found;
    }
    int cjk = 0;
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (!hl_letter(ch)) {
            cjk = cjk || hl_cjk(ch); /* a kana mark or dot is no letter */
            i++;
            continue;
        }
        Py_ssize_t start = i;
        Py_UCS4 high = 0; /* the run's greatest code point */
        while (i < n && hl_letter(ch = PyUnicode_READ(kind, data, i))) {
            cjk = cjk || hl_cjk(ch);
            high = ch > high ? ch : high;
            i++;
        }
        if (i - start < 4) {
            continue;
        }
        if (high < 128 && i - start <= 256) {
            /* a run of ASCII letters: casefolded, it is lowered (no substring, no call) */
            char word[256];
            for (Py_ssize_t k = start; k < i; k++) {
                word[k - start] = (char)Py_TOLOWER(PyUnicode_READ(kind, data, k));
            }
            PyObject *piece = PyUnicode_FromStringAndSize(word, i - start);
            if (piece == NULL || PySet_Add(found, piece) < 0) {
                Py_XDECREF(piece);
                Py_DECREF(found);
                return NULL;
            }
            Py_DECREF(piece);
        } else if (hl_add(found, text, start, i, 1) < 0) {
            Py_DECREF(found);
            return NULL;
        }
    }
    if (!cjk) {
        return found;
    }
    i = 0;
    while (i < n) {
        if (!hl_cjk(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && hl_cjk(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        for (Py_ssize_t k = start; k + 1 < i; k++) {
            if (hl_add(found, text, k, k + 2, 0) < 0) {
                Py_DECREF(found);
                return NULL;
            }
        }
    }
    return found;
}

/* ---- headline._content_shares (hlwords23): of each text, the count of its content words the
 * ledes hold and the count of its content words, without a set or a string made where every
 * text's runs of letters are ASCII and none holds Han or kana (the ledes' words lowered into
 * one buffer, in a table by their bytes); else by headline._content_words' sets
 * (content_words above). ---- */

/* An ASCII content word: its lowered bytes, its size and their hash. */
typedef struct {
    const char *at;
    Py_ssize_t size;
    uint64_t hash;
} hl_share_word;

/* The next content word of text[*i:n] where the text's runs of letters are ASCII and it holds
 * no Han or kana (headline._content_words: the runs of four letters or more, lowered, their
 * casefold): 1 with it in word (its lowered bytes written at *arena, moved past them), 0 at
 * the end, -1 at a letter outside ASCII or a Han or kana character (the sets must count). One
 * function a kind of str (HL_SHARE_NEXT), each reading its characters as they are stored. */
#define HL_SHARE_NEXT(NAME, TYPE)                                                              \
    static int NAME(const TYPE *p, Py_ssize_t n, Py_ssize_t *i, hl_share_word *word,         \
                    char **arena)                                                              \
    {                                                                                          \
        Py_ssize_t k = *i;                                                                     \
        while (k < n) {                                                                        \
            Py_UCS4 ch = p[k];                                                                 \
            if (ch >= 128) {                                                                   \
                if (hl_letter(ch) || hl_cjk(ch)) {                                             \
                    return -1;                                                                 \
                }                                                                              \
                k++;                                                                           \
                continue;                                                                      \
            }                                                                                  \
            if (!Py_ISALPHA(ch)) {                                                             \
                k++;                                                                           \
                continue;                                                                      \
            }                                                                                  \
            Py_ssize_t start = k;                                                              \
            char *out = *arena;                                                                \
            uint64_t hash = 14695981039346656037ULL; /* FNV-1a of the lowered bytes */         \
            while (k < n && (ch = p[k]) < 128 && Py_ISALPHA(ch)) {                             \
                char low = (char)Py_TOLOWER(ch);                                               \
                out[k - start] = low;                                                          \
                hash = (hash ^ (uint64_t)(unsigned char)low) * 1099511628211ULL;               \
                k++;                                                                           \
            }                                                                                  \
            if (k < n && ch >= 128 && hl_letter(ch)) {                                         \
                return -1; /* a run of letters going on outside ASCII */                       \
            }                                                                                  \
            if (k - start >= 4) {                                                              \
                *i = k;                                                                        \
                word->at = out;                                                                \
                word->size = k - start;                                                        \
                word->hash = hash;                                                             \
                *arena = out + (k - start);                                                    \
                return 1;                                                                      \
            }                                                                                  \
        }                                                                                      \
        *i = n;                                                                                \
        return 0;                                                                              \
    }

HL_SHARE_NEXT(hl_share_next_1, Py_UCS1)
HL_SHARE_NEXT(hl_share_next_2, Py_UCS2)
HL_SHARE_NEXT(hl_share_next_4, Py_UCS4)

/* HL_SHARE_NEXT of text (a str of ``kind``, its ``data``). */
static int
hl_share_next(int kind, const void *data, Py_ssize_t n, Py_ssize_t *i, hl_share_word *word,
              char **arena)
{
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        return hl_share_next_1(data, n, i, word, arena);
    case PyUnicode_2BYTE_KIND:
        return hl_share_next_2(data, n, i, word, arena);
    default:
        return hl_share_next_4(data, n, i, word, arena);
    }
}

/* Whether two ASCII words are the same (both lowered). */
static int
hl_share_same(const hl_share_word *a, const hl_share_word *b)
{
    return a->hash == b->hash && a->size == b->size && memcmp(a->at, b->at, a->size) == 0;
}

/* The (shared, count) pair of one text as a new tuple. */
static PyObject *
hl_share_pair(Py_ssize_t shared, Py_ssize_t count)
{
    return Py_BuildValue("(nn)", shared, count);
}

/* content_shares(ledes, texts) where a text is outside ASCII: by sets, as the Python. */
static PyObject *
hl_shares_by_sets(PyObject *ledes, PyObject *texts)
{
    PyObject *lede = PySet_New(NULL);
    if (lede == NULL) {
        return NULL;
    }
    for (Py_ssize_t j = 0; j < PySequence_Fast_GET_SIZE(ledes); j++) {
        PyObject *words = hl_content_words(NULL, PySequence_Fast_GET_ITEM(ledes, j));
        PyObject *joined = words == NULL ? NULL : PyNumber_InPlaceOr(lede, words);
        Py_XDECREF(words);
        if (joined == NULL) {
            Py_DECREF(lede);
            return NULL;
        }
        Py_DECREF(joined); /* lede itself */
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(texts);
    PyObject *result = PyList_New(n);
    if (result == NULL) {
        Py_DECREF(lede);
        return NULL;
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *words = hl_content_words(NULL, PySequence_Fast_GET_ITEM(texts, j));
        PyObject *each = words == NULL ? NULL : PyObject_GetIter(words);
        if (each == NULL) {
            goto failed;
        }
        Py_ssize_t shared = 0;
        PyObject *word;
        while ((word = PyIter_Next(each)) != NULL) {
            int in = PySet_Contains(lede, word);
            Py_DECREF(word);
            if (in < 0) {
                break;
            }
            shared += in;
        }
        Py_DECREF(each);
        if (PyErr_Occurred()) {
            goto failed;
        }
        PyObject *pair = hl_share_pair(shared, PySet_GET_SIZE(words));
        Py_DECREF(words);
        if (pair == NULL) {
            goto failed_after;
        }
        PyList_SET_ITEM(result, j, pair);
        continue;
    failed:
        Py_XDECREF(words);
    failed_after:
        Py_DECREF(lede);
        Py_DECREF(result);
        return NULL;
    }
    Py_DECREF(lede);
    return result;
}

/* content_shares(ledes, texts) where every text's runs of letters are ASCII and none holds
 * Han or kana: by a table of the ledes' words. Py_None (borrowed) where one is not so. */
static PyObject *
hl_shares_plain(PyObject *ledes, PyObject *texts)
{
    Py_ssize_t lede_bound = 0, lede_chars = 0, text_bound = 0, text_chars = 0;
    for (Py_ssize_t j = 0; j < PySequence_Fast_GET_SIZE(ledes); j++) {
        /* a text of n characters holds at most n / 5 + 1 words of four letters */
        Py_ssize_t n = PyUnicode_GET_LENGTH(PySequence_Fast_GET_ITEM(ledes, j));
        lede_bound += n / 5 + 1;
        lede_chars += n;
    }
    for (Py_ssize_t j = 0; j < PySequence_Fast_GET_SIZE(texts); j++) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(PySequence_Fast_GET_ITEM(texts, j));
        text_bound = n / 5 + 1 > text_bound ? n / 5 + 1 : text_bound;
        text_chars = n > text_chars ? n : text_chars;
    }
    size_t cap = 8;
    while (cap < (size_t)lede_bound * 2) {
        cap <<= 1;
    }
    /* the ledes' distinct words (``words``, unset past ``held``), found by a table of their
     * places and one (0: an empty slot), the only memory cleared: the table of the words
     * themselves, cleared, cost some 6,500 instructions a seed document (a byte a step) */
    uint32_t *table = PyMem_Calloc(cap, sizeof(uint32_t));
    hl_share_word *words = PyMem_Malloc(((size_t)lede_bound + (size_t)text_bound + 1)
                                        * sizeof(hl_share_word));
    char *bytes = PyMem_Malloc((size_t)(lede_chars + text_chars) + 1);
    if (table == NULL || words == NULL || bytes == NULL) {
        PyMem_Free(table);
        PyMem_Free(words);
        PyMem_Free(bytes);
        return PyErr_NoMemory();
    }
    uint32_t held = 0;
    hl_share_word *mine = words + lede_bound; /* one text's words, each once */
    char *arena = bytes;                      /* the ledes' lowered words, then one text's */
    PyObject *result = NULL;
    for (Py_ssize_t j = 0; j < PySequence_Fast_GET_SIZE(ledes); j++) {
        PyObject *text = PySequence_Fast_GET_ITEM(ledes, j);
        Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
        hl_share_word word;
        int got;
        while ((got = hl_share_next(PyUnicode_KIND(text), PyUnicode_DATA(text), n, &i, &word,
                                    &arena)) > 0) {
            size_t slot = (size_t)word.hash & (cap - 1);
            while (table[slot] != 0 && !hl_share_same(&words[table[slot] - 1], &word)) {
                slot = (slot + 1) & (cap - 1);
            }
            if (table[slot] == 0) {
                words[held++] = word;
                table[slot] = held;
            }
        }
        if (got < 0) {
            result = Py_None;
            goto done;
        }
    }
    char *texts_at = arena;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(texts);
    result = PyList_New(count);
    if (result == NULL) {
        goto done;
    }
    for (Py_ssize_t j = 0; j < count; j++) {
        PyObject *text = PySequence_Fast_GET_ITEM(texts, j);
        Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, distinct = 0, shared = 0;
        hl_share_word word;
        int got;
        arena = texts_at;
        while ((got = hl_share_next(PyUnicode_KIND(text), PyUnicode_DATA(text), n, &i, &word,
                                    &arena)) > 0) {
            Py_ssize_t k = 0;
            while (k < distinct && !hl_share_same(&mine[k], &word)) {
                k++;
            }
            if (k < distinct) {
                continue; /* a word the text printed before */
            }
            mine[distinct++] = word;
            size_t slot = (size_t)word.hash & (cap - 1);
            while (table[slot] != 0 && !hl_share_same(&words[table[slot] - 1], &word)) {
                slot = (slot + 1) & (cap - 1);
            }
            shared += table[slot] != 0;
        }
        PyObject *pair = got < 0 ? NULL : hl_share_pair(shared, distinct);
        if (pair == NULL) {
            Py_SETREF(result, got < 0 ? Py_None : NULL);
            goto done;
        }
        PyList_SET_ITEM(result, j, pair);
    }
done:
    PyMem_Free(table);
    PyMem_Free(words);
    PyMem_Free(bytes);
    return result;
}

/* headline._content_shares(ledes, texts): of each text, (the count of its content words the
 * ledes' content words hold, the count of its content words). */
static PyObject *
hl_content_shares(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "content_shares(ledes, texts): two arguments");
        return NULL;
    }
    PyObject *ledes = PySequence_Fast(args[0], "content_shares: ledes must be a sequence");
    if (ledes == NULL) {
        return NULL;
    }
    PyObject *texts = PySequence_Fast(args[1], "content_shares: texts must be a sequence");
    if (texts == NULL) {
        Py_DECREF(ledes);
        return NULL;
    }
    for (int side = 0; side < 2; side++) {
        PyObject *seq = side ? texts : ledes;
        for (Py_ssize_t j = 0; j < PySequence_Fast_GET_SIZE(seq); j++) {
            PyObject *text = PySequence_Fast_GET_ITEM(seq, j);
            if (!PyUnicode_Check(text)) {
                PyErr_SetString(PyExc_TypeError, "content_shares: a str expected");
                Py_DECREF(ledes);
                Py_DECREF(texts);
                return NULL;
            }
        }
    }
    PyObject *result = hl_shares_plain(ledes, texts);
    if (result == Py_None) {
        result = hl_shares_by_sets(ledes, texts);
    }
    Py_DECREF(ledes);
    Py_DECREF(texts);
    return result;
}

/* headline._first_word(text): the first word of headline._key(text), from the casefolded
 * head of head_chars characters where the word ends inside it; else key(text)'s. New
 * reference. */
static PyObject *
hl_first_word(PyObject *text, Py_ssize_t head_chars, PyObject *strip_mark, PyObject *key)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *head = PyUnicode_Substring(text, 0, n < head_chars ? n : head_chars);
    if (head == NULL) {
        return NULL;
    }
    if (PyUnicode_GET_LENGTH(head) > 0 && PyUnicode_READ_CHAR(head, 0) == '#') {
        Py_SETREF(head, PyObject_CallOneArg(strip_mark, head));
        if (head == NULL) {
            return NULL;
        }
        if (!PyUnicode_Check(head)) {
            Py_DECREF(head);
            PyErr_SetString(PyExc_TypeError, "page_keys: strip_heading_mark gave no str");
            return NULL;
        }
    }
    PyObject *folded = PyObject_CallMethodNoArgs(head, str_casefold);
    Py_DECREF(head);
    if (folded == NULL) {
        return NULL;
    }
    Py_ssize_t size = PyUnicode_GET_LENGTH(folded);
    int kind = PyUnicode_KIND(folded);
    const void *data = PyUnicode_DATA(folded);
    Py_ssize_t start = 0;
    while (start < size && !is_word(PyUnicode_READ(kind, data, start))) {
        start++;
    }
    Py_ssize_t end = start;
    while (end < size && is_word(PyUnicode_READ(kind, data, end))) {
        end++;
    }
    if (start == size || (end == size && n > head_chars)) {
        /* no word, or one that may go on past the head: the key's own first word */
        Py_DECREF(folded);
        PyObject *whole = PyObject_CallOneArg(key, text);
        if (whole == NULL) {
            return NULL;
        }
        if (!PyUnicode_Check(whole)) {
            Py_DECREF(whole);
            PyErr_SetString(PyExc_TypeError, "page_keys: _key gave no str");
            return NULL;
        }
        Py_ssize_t space = PyUnicode_FindChar(whole, ' ', 0, PyUnicode_GET_LENGTH(whole), 1);
        if (space == -2) {
            Py_DECREF(whole);
            return NULL;
        }
        if (space >= 0) {
            Py_SETREF(whole, PyUnicode_Substring(whole, 0, space));
        }
        return whole;
    }
    PyObject *word = PyUnicode_Substring(folded, start, end);
    Py_DECREF(folded);
    return word;
}

/* Whether the first word of ``text`` (n characters of ``kind``, not opening with '#') is
 * known from its head of head_chars characters without a casefold: its span [*start, *end),
 * lowered, is the first word hl_first_word would give, where the head's characters up to the
 * word's end and the one after it (where the head holds one) are ASCII (casefolding ASCII
 * lowers it, a character for a character; re's \w of ASCII is [0-9A-Za-z_]). 0 where
 * hl_first_word must be asked: a character outside ASCII before that (its casefold may be or
 * hold a word character), no word in the head, or one reaching its end. A text outside ASCII
 * (the quotes and dashes of a story paragraph further on) is settled so too. */
static int
hl_plain_first(int kind, const void *data, Py_ssize_t n, Py_ssize_t head_chars,
               Py_ssize_t *start, Py_ssize_t *end)
{
    Py_ssize_t head = n < head_chars ? n : head_chars, i = 0;
    Py_UCS4 ch = 0;
    while (i < head && (ch = PyUnicode_READ(kind, data, i)) < 128
           && !(Py_ISALNUM(ch) || ch == '_')) {
        i++;
    }
    *start = i; /* (a character outside ASCII here ends the word's loop too: 0 below) */
    while (i < head && (ch = PyUnicode_READ(kind, data, i)) < 128
           && (Py_ISALNUM(ch) || ch == '_')) {
        i++;
    }
    *end = i;
    if (i < head && ch >= 128) {
        return 0;
    }
    return !(*start == head || (i == head && n > head_chars));
}

/* Whether text[start:end] (ASCII characters of ``kind``) lowered is one of the ASCII strings
 * ``firsts`` (count of them): a str equal to an ASCII word is that ASCII string, so no str is
 * made for the set's lookup. */
static int
hl_ascii_in(int kind, const void *data, Py_ssize_t start, Py_ssize_t end,
            PyObject *const *firsts, Py_ssize_t count)
{
    Py_ssize_t len = end - start;
    for (Py_ssize_t f = 0; f < count; f++) {
        if (PyUnicode_GET_LENGTH(firsts[f]) != len) {
            continue;
        }
        const Py_UCS1 *word = PyUnicode_1BYTE_DATA(firsts[f]);
        Py_ssize_t k = 0;
        while (k < len && Py_TOLOWER(PyUnicode_READ(kind, data, start + k)) == word[k]) {
            k++;
        }
        if (k == len) {
            return 1;
        }
    }
    return 0;
}

/* headline._key(text) of an ASCII text opening with no '#' (strip_heading_mark leaves it be):
 * its runs of word characters ([0-9A-Za-z_]) lowered, one space between them. A new
 * reference. */
static PyObject *
hl_ascii_key(const Py_UCS1 *chars, Py_ssize_t n)
{
    Py_ssize_t size = 0, runs = 0;
    for (Py_ssize_t i = 0; i < n;) {
        while (i < n && !(Py_ISALNUM(chars[i]) || chars[i] == '_')) {
            i++;
        }
        Py_ssize_t start = i;
        while (i < n && (Py_ISALNUM(chars[i]) || chars[i] == '_')) {
            i++;
        }
        if (i > start) {
            size += i - start;
            runs++;
        }
    }
    PyObject *key = PyUnicode_New(runs ? size + runs - 1 : 0, 127);
    if (key == NULL) {
        return NULL;
    }
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(key);
    Py_ssize_t used = 0;
    for (Py_ssize_t i = 0; i < n;) {
        while (i < n && !(Py_ISALNUM(chars[i]) || chars[i] == '_')) {
            i++;
        }
        if (i < n && used > 0) {
            out[used++] = ' ';
        }
        while (i < n && (Py_ISALNUM(chars[i]) || chars[i] == '_')) {
            out[used++] = Py_TOLOWER(chars[i]);
            i++;
        }
    }
    return key;
}

/* headline._first_words(texts, head_chars, strip_heading_mark, key): the first words of the
 * texts' keys (hl_first_word; a text opening with no '#' whose head settles its first word,
 * hl_plain_first's, that word lowered, no casefold and no call), none empty. */
static PyObject *
hl_first_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "first_words: four arguments expected");
        return NULL;
    }
    PyObject *strip_mark = args[2], *key = args[3];
    Py_ssize_t head_chars = PyLong_AsSsize_t(args[1]);
    if (head_chars == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *seq = PySequence_Fast(args[0], "first_words: texts must be a sequence");
    if (seq == NULL) {
        return NULL;
    }
    PyObject *found = PySet_New(NULL);
    if (found == NULL) {
        Py_DECREF(seq);
        return NULL;
    }
    for (Py_ssize_t t = 0; t < PySequence_Fast_GET_SIZE(seq); t++) {
        PyObject *text = PySequence_Fast_GET_ITEM(seq, t), *word;
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "first_words: a text must be a str");
            goto failed;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(text), start, end;
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        if (n > 0 && PyUnicode_READ(kind, data, 0) != '#'
            && hl_plain_first(kind, data, n, head_chars, &start, &end)) {
            word = PyUnicode_New(end - start, 127);
            if (word != NULL) {
                Py_UCS1 *out = PyUnicode_1BYTE_DATA(word);
                for (Py_ssize_t k = start; k < end; k++) {
                    out[k - start] = (Py_UCS1)Py_TOLOWER(PyUnicode_READ(kind, data, k));
                }
            }
        } else {
            word = hl_first_word(text, head_chars, strip_mark, key);
        }
        if (word == NULL) {
            goto failed;
        }
        int failed = PyUnicode_GET_LENGTH(word) > 0 && PySet_Add(found, word);
        Py_DECREF(word);
        if (failed) {
            goto failed;
        }
    }
    Py_DECREF(seq);
    return found;
failed:
    Py_DECREF(found);
    Py_DECREF(seq);
    return NULL;
}

/* headline._page_keys(blocks, firsts, max_words, head_chars, strip_heading_mark, key): each
 * block's key (key(text)) where it has at most max_words words and its first word is one of
 * firsts, else "". */
static PyObject *
hl_page_keys(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "page_keys: six arguments expected");
        return NULL;
    }
    PyObject *blocks = args[0], *firsts = args[1], *strip_mark = args[4], *key = args[5];
    Py_ssize_t max_words = PyLong_AsSsize_t(args[2]);
    Py_ssize_t head_chars = PyLong_AsSsize_t(args[3]);
    if ((max_words == -1 || head_chars == -1) && PyErr_Occurred()) {
        return NULL;
    }
    if (!PyAnySet_Check(firsts)) {
        PyErr_SetString(PyExc_TypeError, "page_keys: firsts must be a set");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(blocks, "page_keys: blocks must be a sequence");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t total = PySequence_Fast_GET_SIZE(seq);
    PyObject *keys = PyList_New(total);
    if (keys == NULL) {
        Py_DECREF(seq);
        return NULL;
    }
    /* firsts' ASCII members (held by the tuple while key() runs Python), compared with an
     * ASCII block's first word byte by byte */
    PyObject *held = PySequence_Tuple(firsts);
    PyObject **ascii = NULL;
    Py_ssize_t n_ascii = 0;
    PyObject *empty = PyUnicode_New(0, 0);
    if (held == NULL || empty == NULL) {
        goto failed;
    }
    ascii = PyMem_Malloc((PyTuple_GET_SIZE(held) + 1) * sizeof(PyObject *));
    if (ascii == NULL) {
        PyErr_NoMemory();
        goto failed;
    }
    int bytewise = 1; /* no member of a str subclass, whose equality may be its own */
    for (Py_ssize_t f = 0; f < PyTuple_GET_SIZE(held); f++) {
        PyObject *first = PyTuple_GET_ITEM(held, f);
        bytewise &= PyUnicode_CheckExact(first) || !PyUnicode_Check(first);
        if (PyUnicode_CheckExact(first) && PyUnicode_IS_ASCII(first)) {
            ascii[n_ascii++] = first;
        }
    }
    for (Py_ssize_t b = 0; b < total; b++) {
        PyObject *text = PyObject_GetAttr(PySequence_Fast_GET_ITEM(seq, b), str_text);
        if (text == NULL) {
            goto failed;
        }
        if (!PyUnicode_Check(text)) {
            Py_DECREF(text);
            PyErr_SetString(PyExc_TypeError, "page_keys: a block's text must be a str");
            goto failed;
        }
        PyObject *value = NULL; /* a new reference: the key, or "" */
        /* a text's first word, where its head settles it (hl_plain_first: an ASCII text's, or
         * one whose characters outside ASCII come after it), is compared before its spaces are
         * counted (both tests are asked, the order is no matter): most blocks' first word is
         * none of firsts */
        Py_ssize_t n = PyUnicode_GET_LENGTH(text), start, end;
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        int in = -2, opens = n > 0 && PyUnicode_READ(kind, data, 0) != '#',
            plain = opens && PyUnicode_IS_ASCII(text);
        if (PySet_GET_SIZE(firsts) > 0 && bytewise && opens
            && hl_plain_first(kind, data, n, head_chars, &start, &end)) {
            in = hl_ascii_in(kind, data, start, end, ascii, n_ascii);
        }
        if (in != 0 && PySet_GET_SIZE(firsts) > 0 && spaces_of(text, max_words) + 1 <= max_words) {
            if (in == -2) {
                PyObject *word = hl_first_word(text, head_chars, strip_mark, key);
                if (word == NULL) {
                    Py_DECREF(text);
                    goto failed;
                }
                in = PySet_Contains(firsts, word);
                Py_DECREF(word);
            }
            if (in < 0) {
                Py_DECREF(text);
                goto failed;
            }
            if (in) {
                value = plain ? hl_ascii_key(PyUnicode_1BYTE_DATA(text), n)
                              : PyObject_CallOneArg(key, text);
                if (value == NULL) {
                    Py_DECREF(text);
                    goto failed;
                }
            }
        }
        Py_DECREF(text);
        if (value == NULL) {
            Py_INCREF(empty);
            value = empty;
        }
        PyList_SET_ITEM(keys, b, value);
    }
    Py_DECREF(empty);
    PyMem_Free(ascii);
    Py_DECREF(held);
    Py_DECREF(seq);
    return keys;
failed:
    Py_XDECREF(empty);
    PyMem_Free(ascii);
    Py_XDECREF(held);
    Py_DECREF(keys);
    Py_DECREF(seq);
    return NULL;
}

/* ---- core.next-story's scans (cleaner/passes/next_story.py), apart from the features above:
 * python_page_scan (each block's headline shape, the blocks a rule line may be) and
 * python_candidates (the kept positions the pass looks further at), which next_story.py calls
 * when NEXT_STORY_HASH is the hash of the code they follow (compiled_follows.NEXT_STORY;
 * tests/test_cfeatures.py holds the two to the same values). The counts and the marks are
 * handed in by next_story.py. ---- */

/* The code hash of compiled_follows.NEXT_STORY this follows. */
#define NEXT_STORY_HASH "35afe48fe3a9bd04"

/* Whether ch is one of s's characters from..to (a short string of marks). */
static int
ns_mark(Py_UCS4 ch, int kind, const void *data, Py_ssize_t from, Py_ssize_t to)
{
    for (Py_ssize_t i = from; i < to; i++) {
        if (PyUnicode_READ(kind, data, i) == ch) {
            return 1;
        }
    }
    return 0;
}

/* The marks handed in: the closing marks, a NUL, the sentence ends. */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t nul, len;
} NsMarks;

static int
ns_marks(PyObject *marks, NsMarks *m)
{
    if (!PyUnicode_Check(marks)) {
        PyErr_SetString(PyExc_TypeError, "marks must be a str");
        return -1;
    }
    m->kind = PyUnicode_KIND(marks);
    m->data = PyUnicode_DATA(marks);
    m->len = PyUnicode_GET_LENGTH(marks);
    m->nul = PyUnicode_FindChar(marks, 0, 0, m->len, 1);
    if (m->nul < 0) {
        if (m->nul == -1) {
            PyErr_SetString(PyExc_ValueError, "marks must hold a NUL between the two sets");
        }
        return -1;
    }
    return 0;
}

/* blocks.word_count (its spaces and one), counted no further than cap (words is then cap: the
 * callers ask only whether it reaches a limit, and a story paragraph's words need not all be
 * counted), and lexicon.ends_sentence of a text. */
static int
ns_facts(PyObject *text, const NsMarks *m, Py_ssize_t cap, Py_ssize_t *words, int *sentence)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "a block's text must be a str");
        return -1;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    *words = count_spaces(kind, data, len, cap - 1) + 1;
    Py_ssize_t end = len;
    while (end > 0 && ns_mark(PyUnicode_READ(kind, data, end - 1), m->kind, m->data, 0, m->nul)) {
        end--;
    }
    *sentence = end > 0
                && ns_mark(PyUnicode_READ(kind, data, end - 1), m->kind, m->data, m->nul + 1,
                           m->len);
    return 0;
}

/* page_scan(blocks, low, high, rule_chars, marks) -> next_story.python_page_scan(blocks, low,
 * high, rule_chars) */
static PyObject *
ns_page_scan(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "page_scan takes 5 arguments");
        return NULL;
    }
    Py_ssize_t low = PyLong_AsSsize_t(args[1]), high = PyLong_AsSsize_t(args[2]);
    if ((low == -1 || high == -1) && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *rule_chars = args[3];
    if (!PyUnicode_Check(rule_chars)) {
        PyErr_SetString(PyExc_TypeError, "rule_chars must be a str");
        return NULL;
    }
    NsMarks m;
    if (ns_marks(args[4], &m)) {
        return NULL;
    }
    int rule_kind = PyUnicode_KIND(rule_chars);
    const void *rule_data = PyUnicode_DATA(rule_chars);
    Py_ssize_t n_rule = PyUnicode_GET_LENGTH(rule_chars);
    PyObject *seq = PySequence_Fast(args[0], "blocks must be a sequence");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *shaped = PyList_New(n), *drawn = PyList_New(0), *result = NULL;
    if (shaped == NULL || drawn == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = PyObject_GetAttr(PySequence_Fast_GET_ITEM(seq, i), str_text);
        if (text == NULL) {
            goto done;
        }
        Py_ssize_t words;
        int sentence;
        if (ns_facts(text, &m, high < PY_SSIZE_T_MAX ? high + 1 : high, &words, &sentence)) {
            Py_DECREF(text);
            goto done;
        }
        PyObject *flag = low <= words && words <= high && !sentence ? Py_True : Py_False;
        PyList_SET_ITEM(shaped, i, Py_NewRef(flag));
        /* str.lstrip()[:1]: the first character that is no space */
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        Py_ssize_t len = PyUnicode_GET_LENGTH(text), at = 0;
        while (at < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, at))) {
            at++;
        }
        int rule = at < len
                   && ns_mark(PyUnicode_READ(kind, data, at), rule_kind, rule_data, 0, n_rule);
        Py_DECREF(text);
        if (rule) {
            PyObject *index = PyLong_FromSsize_t(i);
            if (index == NULL || PyList_Append(drawn, index)) {
                Py_XDECREF(index);
                goto done;
            }
            Py_DECREF(index);
        }
    }
    result = PyTuple_Pack(2, shaped, drawn);
done:
    Py_DECREF(seq);
    Py_XDECREF(shaped);
    Py_XDECREF(drawn);
    return result;
}

/* next_story_candidates(kept, ends, shaped, after_story, early_header, (story_words,
 * story_long_words), marks) -> next_story.python_candidates(kept, ends, shaped, after_story,
 * early_header), is_story_paragraph counted with the two counts handed in */
static PyObject *
ns_candidates(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError, "next_story_candidates takes 7 arguments");
        return NULL;
    }
    PyObject *ends = args[1], *shaped = args[2];
    if (!PyAnySet_Check(ends) || !PyList_Check(shaped)) {
        PyErr_SetString(PyExc_TypeError, "ends must be a set and shaped a list");
        return NULL;
    }
    Py_ssize_t after_story = PyLong_AsSsize_t(args[3]);
    Py_ssize_t early_header = PyLong_AsSsize_t(args[4]);
    if ((after_story == -1 || early_header == -1) && PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t fewest, long_words;
    if (!PyArg_ParseTuple(args[5], "nn", &fewest, &long_words)) {
        return NULL;
    }
    NsMarks m;
    if (ns_marks(args[6], &m)) {
        return NULL;
    }
    /* the ends, as numbers: range(before, item) is disjoint from them unless one lies in it */
    Py_ssize_t n_ends = PySet_GET_SIZE(ends), *end_at = NULL, e = 0;
    if (n_ends) {
        end_at = PyMem_Malloc(n_ends * sizeof(Py_ssize_t));
        if (end_at == NULL) {
            return PyErr_NoMemory();
        }
        Py_ssize_t pos = 0;
        PyObject *key;
        Py_hash_t hash;
        while (_PySet_NextEntry(ends, &pos, &key, &hash)) {
            if (!PyLong_Check(key)) {
                PyMem_Free(end_at);
                PyErr_SetString(PyExc_TypeError, "ends must hold ints");
                return NULL;
            }
            end_at[e] = PyLong_AsSsize_t(key);
            if (end_at[e] == -1 && PyErr_Occurred()) {
                PyMem_Free(end_at);
                return NULL;
            }
            e++;
        }
        n_ends = e;
    }
    KeptTexts kept;
    PyObject *found = NULL, *result = NULL;
    if (kept_texts(args[0], 1, 0, &kept) || (found = PyList_New(0)) == NULL) {
        goto done;
    }
    Py_ssize_t n = kept.n, story = 0, before = n > 0 ? kept.index[0] : 0, index;
    for (Py_ssize_t position = 1; position < n; position++) {
        Py_ssize_t words;
        int sentence;
        if (ns_facts(kept.text[position - 1], &m, long_words, &words, &sentence)) {
            goto done;
        }
        story += words >= long_words || (words >= fewest && sentence);
        index = kept.index[position];
        Py_ssize_t above = before;
        before = index;
        if (story < after_story) {
            continue;
        }
        int ended = 0;
        for (Py_ssize_t k = 0; k < n_ends && !ended; k++) {
            ended = above <= end_at[k] && end_at[k] < index;
        }
        if (!ended) {
            if (story < early_header) {
                continue;
            }
            /* True in shaped[max(above + 1, index - 3) : index + 2] */
            Py_ssize_t size = PyList_GET_SIZE(shaped);
            Py_ssize_t from = above + 1 > index - 3 ? above + 1 : index - 3, to = index + 2;
            from = from < 0 ? 0 : from;
            to = to > size ? size : to;
            int any = 0;
            for (Py_ssize_t k = from; k < to && !any; k++) {
                any = PyObject_RichCompareBool(PyList_GET_ITEM(shaped, k), Py_True, Py_EQ);
                if (any < 0) {
                    goto done;
                }
            }
            if (!any) {
                continue;
            }
        }
        PyObject *entry = Py_BuildValue("nnO", position, story, ended ? Py_True : Py_False);
        if (entry == NULL || PyList_Append(found, entry)) {
            Py_XDECREF(entry);
            goto done;
        }
        Py_DECREF(entry);
    }
    result = Py_NewRef(found);
done:
    PyMem_Free(end_at);
    kept_texts_free(&kept);
    Py_XDECREF(found);
    return result;
}

/* ---- core.caption-twice's walk (cleaner/passes/story.py's python_printed_twice): the story's
 * paragraphs, the blocks printed twice in a row (story._twice) or doubled in one
 * (story._doubled), the copies of a credited caption (story._copy_of, called back), which
 * story.printed_twice calls when PRINTED_TWICE_HASH is the hash of the code it follows
 * (compiled_follows.PRINTED_TWICE; tests/test_printed_twice_scan.py holds the two to the same
 * values). The counts, the label sets and the marks are handed in by story.py. ---- */

/* The code hash of compiled_follows.PRINTED_TWICE this follows. */
#define PRINTED_TWICE_HASH "54b02705bc03984d"

/* A kept block as the walk reads it. */
typedef struct {
    Py_ssize_t index; /* its page index */
    PyObject *text;   /* its text (borrowed from the KeptTexts) */
    PyObject *label;  /* labels[index] (borrowed from the labels' sequence) */
    Py_ssize_t words; /* word_count, counted no further than cap (exact below it) */
    Py_ssize_t cap;   /* (0: not counted yet) */
    int sentence;     /* ends_sentence */
    int titled;       /* text == title */
    int in_over;      /* label in over_story */
} PtKept;

/* Whether a[from:from + n] == b[0:n], code point by code point. */
static int
pt_same(int a_kind, const void *a, Py_ssize_t from, int b_kind, const void *b, Py_ssize_t n)
{
    if (a_kind == b_kind) {
        return memcmp((const char *)a + from * a_kind, b, (size_t)(n * a_kind)) == 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyUnicode_READ(a_kind, a, from + i) != PyUnicode_READ(b_kind, b, i)) {
            return 0;
        }
    }
    return 1;
}

/* lexicon.ends_sentence of data[from:to] */
static int
pt_ends_sentence(int kind, const void *data, Py_ssize_t from, Py_ssize_t to, const NsMarks *m)
{
    while (to > from && ns_mark(PyUnicode_READ(kind, data, to - 1), m->kind, m->data, 0, m->nul)) {
        to--;
    }
    return to > from
           && ns_mark(PyUnicode_READ(kind, data, to - 1), m->kind, m->data, m->nul + 1, m->len);
}

/* Whether a kept block's word count reaches need, counted further only where it must be. */
static int
pt_reaches(PtKept *k, Py_ssize_t need)
{
    if (k->words >= need) {
        return 1;
    }
    if (k->cap && k->words < k->cap) {
        return 0; /* (counted whole) */
    }
    if (k->cap >= need) {
        return 0;
    }
    k->cap = need;
    k->words = spaces_of(k->text, need - 1) + 1;
    return k->words >= need;
}

/* story._twice(a, b): 1 b holds a, 0 a holds b, -1 neither (None). */
static int
pt_twice(PyObject *a, PyObject *b, Py_ssize_t twice_words, Py_ssize_t twice_credit,
         const NsMarks *m)
{
    Py_ssize_t len_a = PyUnicode_GET_LENGTH(a), len_b = PyUnicode_GET_LENGTH(b);
    int kind_a = PyUnicode_KIND(a), kind_b = PyUnicode_KIND(b);
    const void *data_a = PyUnicode_DATA(a), *data_b = PyUnicode_DATA(b);
    if (len_a == len_b && pt_same(kind_a, data_a, 0, kind_b, data_b, len_a)) {
        return 1; /* a == b */
    }
    int longer = len_a < len_b;
    PyObject *short_text = longer ? a : b, *whole = longer ? b : a;
    int s_kind = PyUnicode_KIND(short_text), w_kind = PyUnicode_KIND(whole);
    const void *s_data = PyUnicode_DATA(short_text), *w_data = PyUnicode_DATA(whole);
    Py_ssize_t s_len = PyUnicode_GET_LENGTH(short_text), w_len = PyUnicode_GET_LENGTH(whole);
    /* stem = short.removesuffix("...").removesuffix("…").rstrip() */
    Py_ssize_t stem = s_len;
    if (stem >= 3 && PyUnicode_READ(s_kind, s_data, stem - 1) == '.'
        && PyUnicode_READ(s_kind, s_data, stem - 2) == '.'
        && PyUnicode_READ(s_kind, s_data, stem - 3) == '.') {
        stem -= 3;
    }
    if (stem >= 1 && PyUnicode_READ(s_kind, s_data, stem - 1) == 0x2026) {
        stem -= 1;
    }
    while (stem > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(s_kind, s_data, stem - 1))) {
        stem--;
    }
    if (stem != s_len) {
        /* word_count(stem) >= twice_words, counted no further */
        if (count_spaces(s_kind, s_data, stem, twice_words > 1 ? twice_words - 1 : 0) + 1
                >= twice_words
            && stem <= w_len
            && pt_same(w_kind, w_data, 0, s_kind, s_data, stem)) {
            return longer;
        }
    }
    if (s_len > w_len || !pt_same(w_kind, w_data, 0, s_kind, s_data, s_len)) {
        return -1;
    }
    /* added = whole[len(short):].strip() */
    Py_ssize_t from = s_len, to = w_len;
    while (from < to && Py_UNICODE_ISSPACE(PyUnicode_READ(w_kind, w_data, from))) {
        from++;
    }
    while (to > from && Py_UNICODE_ISSPACE(PyUnicode_READ(w_kind, w_data, to - 1))) {
        to--;
    }
    if (0 < to - from && to - from <= twice_credit
        && !pt_ends_sentence(w_kind, w_data, from, to, m)) {
        return longer;
    }
    return -1;
}

/* story._doubled of a kept block's text */
static int
pt_doubled(PtKept *k, Py_ssize_t twice_words)
{
    PyObject *text = k->text;
    Py_ssize_t len = PyUnicode_GET_LENGTH(text), half = len / 2;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    return len % 2 == 1 && PyUnicode_READ(kind, data, half) == ' '
           && memcmp(data, (const char *)data + (half + 1) * kind, (size_t)(half * kind)) == 0
           && pt_reaches(k, 2 * twice_words);
}

/* Whether a str opens with an ASCII prefix. */
static int
pt_opens(PyObject *text, const char *prefix)
{
    Py_ssize_t n = (Py_ssize_t)strlen(prefix);
    if (PyUnicode_GET_LENGTH(text) < n) {
        return 0;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyUnicode_READ(kind, data, i) != (Py_UCS4)(unsigned char)prefix[i]) {
            return 0;
        }
    }
    return 1;
}

/* The names printed_twice reads, made once. */
static PyObject *pt_names[6];
enum { PT_POSITIONS, PT_FIELDS, PT_BYLINE, PT_DATE, PT_CAPTIONS, PT_TITLE };

static int
pt_init_names(void)
{
    static const char *names[] = {"positions", "fields", "byline", "date", "captions", "title"};
    for (int i = 0; i < 6; i++) {
        if (pt_names[i] == NULL && (pt_names[i] = PyUnicode_InternFromString(names[i])) == NULL) {
            return -1;
        }
    }
    return 0;
}

/* A dict's list under a name (a new reference to a fast sequence; an empty tuple's where it
 * holds none, as dict.get(name, ()) gives). */
static PyObject *
pt_entry(PyObject *dict, PyObject *name)
{
    if (!PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "an outcome's fields and positions must be dicts");
        return NULL;
    }
    PyObject *value = PyDict_GetItemWithError(dict, name);
    if (value == NULL) {
        return PyErr_Occurred() ? NULL : PyTuple_New(0);
    }
    return PySequence_Fast(value, "an outcome's entry must be a sequence");
}

/* story._credited_captions(outcome): the block indexes (at) and captions (values) of the
 * captions a rule took, in order; where two share an index, the later is the dict's. */
typedef struct {
    Py_ssize_t n, *at;
    PyObject **value; /* borrowed from the outcome's fields */
} PtCredited;

static int
pt_credited(PyObject *fields, PyObject *positions, PtCredited *c)
{
    PyObject *values = pt_entry(fields, pt_names[PT_CAPTIONS]);
    PyObject *ats = values == NULL ? NULL : pt_entry(positions, pt_names[PT_CAPTIONS]);
    int failed = -1;
    if (ats == NULL) {
        goto done;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(values), n_at = PySequence_Fast_GET_SIZE(ats);
    n = n < n_at ? n : n_at; /* (zip) */
    c->at = PyMem_Malloc((n ? n : 1) * sizeof(Py_ssize_t));
    c->value = PyMem_Malloc((n ? n : 1) * sizeof(PyObject *));
    if (c->at == NULL || c->value == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *pair = PySequence_Fast_GET_ITEM(values, j);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2
            || !PyUnicode_Check(PyTuple_GET_ITEM(pair, 1))) {
            PyErr_SetString(PyExc_TypeError, "a caption must be a (value, rule) tuple of a str rule");
            goto done;
        }
        PyObject *rule = PyTuple_GET_ITEM(pair, 1);
        if (pt_opens(rule, "model.") || pt_opens(rule, "core.")) {
            continue;
        }
        Py_ssize_t at = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(ats, j));
        if (at == -1 && PyErr_Occurred()) {
            goto done;
        }
        c->at[c->n] = at;
        c->value[c->n++] = PyTuple_GET_ITEM(pair, 0);
    }
    failed = 0;
done:
    Py_XDECREF(values);
    Py_XDECREF(ats);
    return failed;
}

/* The caption credited at a block index (borrowed), or NULL. */
static PyObject *
pt_credited_at(const PtCredited *c, Py_ssize_t at)
{
    for (Py_ssize_t j = c->n - 1; j >= 0; j--) {
        if (c->at[j] == at) {
            return c->value[j];
        }
    }
    return NULL;
}

/* printed_twice(kept, labels, outcome, title, keep, over_story, (twice_words, twice_credit,
 * sentence_words, story_words, story_long_words), marks, copy_of) ->
 * story.python_printed_twice(kept, labels, outcome, title), KEEP and _OVER_STORY handed in as
 * keep and over_story, story._copy_of as copy_of, the counts as story._TWICE_COUNTS (its
 * TWICE_WORDS, TWICE_CREDIT, SENTENCE_LIKE_WORDS, STORY_WORDS, STORY_LONG_WORDS: no count of
 * them is written here) */
static PyObject *
pt_printed_twice(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 9) {
        PyErr_SetString(PyExc_TypeError, "printed_twice takes 9 arguments");
        return NULL;
    }
    PyObject *outcome = args[2], *title = args[3], *keep = args[4], *over = args[5];
    PyObject *copy_of = args[8];
    if (!PyAnySet_Check(keep) || !PyAnySet_Check(over) || !PyCallable_Check(copy_of)) {
        PyErr_SetString(PyExc_TypeError, "keep and over_story must be sets, copy_of callable");
        return NULL;
    }
    Py_ssize_t twice_words, twice_credit, sentence_words, story_words, long_words;
    if (!PyArg_ParseTuple(args[6], "nnnnn", &twice_words, &twice_credit, &sentence_words,
                          &story_words, &long_words)) {
        return NULL;
    }
    NsMarks m;
    if (ns_marks(args[7], &m) || pt_init_names()) {
        return NULL;
    }
    /* a sentence's words are counted as far as the fewest a story paragraph or a sentence
     * needs, another block's as far as a long paragraph's: the rest when asked */
    Py_ssize_t fewest = story_words < sentence_words ? story_words : sentence_words;
    fewest = fewest < long_words ? fewest : long_words;
    int titled_str = PyUnicode_Check(title);
    KeptTexts kept;
    if (kept_texts(args[0], 1, 1, &kept)) {
        kept_texts_free(&kept);
        return NULL;
    }
    PyObject *labels = PySequence_Fast(args[1], "labels must be a sequence");
    Py_ssize_t n = kept.n;
    PtKept *ks = PyMem_Calloc(n ? n : 1, sizeof(PtKept));
    char *prose = PyMem_Calloc(n ? n : 1, 1), *in_found = PyMem_Calloc(n ? n : 1, 1);
    char *asked = PyMem_Calloc(n ? n : 1, 1), *value_of = PyMem_Calloc(n ? n : 1, 1);
    Py_ssize_t *order = PyMem_Malloc((n ? n : 1) * sizeof(Py_ssize_t));
    PtCredited credited = {0, NULL, NULL};
    PyObject *result = NULL, *positions = NULL, *fields = NULL, *field = NULL;
    if (labels == NULL) {
        goto done;
    }
    if (ks == NULL || prose == NULL || in_found == NULL || asked == NULL || value_of == NULL
        || order == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t n_labels = PySequence_Fast_GET_SIZE(labels);
    Py_ssize_t n_prose = 0, first = -1, last = -1;
    PyObject *last_label = NULL;
    int in_keep = 0, in_over = 0;
    for (Py_ssize_t read = 0; read < n; read++) {
        PtKept *k = &ks[read];
        k->index = kept.index[read];
        k->text = kept.text[read]; /* (borrowed from kept) */
        k->sentence = pt_ends_sentence(PyUnicode_KIND(k->text), PyUnicode_DATA(k->text), 0,
                                       PyUnicode_GET_LENGTH(k->text), &m);
        Py_ssize_t at = k->index < 0 ? k->index + n_labels : k->index;
        if (at < 0 || at >= n_labels) {
            PyErr_SetString(PyExc_IndexError, "list index out of range");
            goto done;
        }
        k->label = PySequence_Fast_GET_ITEM(labels, at);
        if (titled_str) {
            k->titled = PyUnicode_GET_LENGTH(k->text) == PyUnicode_GET_LENGTH(title)
                        && PyUnicode_Compare(k->text, title) == 0;
            if (!k->titled && PyErr_Occurred()) {
                goto done;
            }
        }
        /* (the labels' sets asked once a run of the same label object) */
        if (k->label != last_label) {
            last_label = k->label;
            in_keep = PySet_Contains(keep, last_label);
            in_over = in_keep < 0 ? -1 : PySet_Contains(over, last_label);
            if (in_keep < 0 || in_over < 0) {
                goto done;
            }
        }
        k->in_over = in_over;
        /* is_story_paragraph or _sentence_like: of a sentence, the fewer words they ask */
        prose[read] = in_keep && pt_reaches(k, k->sentence ? fewest : long_words);
        if (prose[read]) {
            n_prose++;
            first = first < 0 ? read : first;
            last = read;
        }
    }
    if (!n_prose) {
        result = PyDict_New();
        goto done;
    }
    /* the header's lowest line above the first sentence (a block index), else that sentence */
    Py_ssize_t top = ks[first].index, header = -1;
    int headed = 0;
    for (Py_ssize_t p = 0; p < first && !headed; p++) {
        headed = ks[p].titled;
    }
    for (Py_ssize_t p = 0; p < first; p++) {
        int above = ks[p].titled;
        if (!above) {
            above = ks[p].in_over;
            if (above && headed) {
                /* _OVER_STORY - {"title"} */
                above = !(PyUnicode_Check(ks[p].label)
                          && PyUnicode_Compare(ks[p].label, pt_names[PT_TITLE]) == 0);
            }
        }
        if (above && ks[p].index > header) {
            header = ks[p].index;
        }
    }
    positions = PyObject_GetAttr(outcome, pt_names[PT_POSITIONS]);
    if (positions == NULL) {
        goto done;
    }
    for (int name = PT_BYLINE; name <= PT_DATE; name++) {
        field = pt_entry(positions, pt_names[name]);
        if (field == NULL) {
            goto done;
        }
        for (Py_ssize_t f = 0; f < PySequence_Fast_GET_SIZE(field); f++) {
            Py_ssize_t at = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(field, f));
            if (at == -1 && PyErr_Occurred()) {
                goto done;
            }
            if (at < top && at > header) {
                header = at;
            }
        }
        Py_CLEAR(field);
    }
    Py_ssize_t start = header >= 0 ? header : top, n_found = 0;
    Py_ssize_t n_texts = last; /* kept[:prose[-1]] */
    /* two blocks in a row that open with the same character */
    for (Py_ssize_t p = 0; p + 1 < n_texts; p++) {
        PtKept *one = &ks[p], *two = &ks[p + 1];
        Py_ssize_t len_a = PyUnicode_GET_LENGTH(one->text), len_b = PyUnicode_GET_LENGTH(two->text);
        if ((len_a == 0) != (len_b == 0)
            || (len_a && PyUnicode_READ_CHAR(one->text, 0) != PyUnicode_READ_CHAR(two->text, 0))) {
            continue;
        }
        if (in_found[p] || one->index <= start || two->index != one->index + 1) {
            continue;
        }
        if (one->titled || two->titled || !pt_reaches(one, twice_words)
            || !pt_reaches(two, twice_words)) {
            continue;
        }
        if (one->in_over || two->in_over) {
            continue; /* the headline, a byline or date line printed twice */
        }
        int longer = pt_twice(one->text, two->text, twice_words, twice_credit, &m);
        if (longer >= 0) {
            in_found[p] = in_found[p + 1] = 1;
            order[n_found] = p;
            value_of[n_found++] = longer == 0;
            order[n_found] = p + 1;
            value_of[n_found++] = longer == 1;
        }
    }
    fields = PyObject_GetAttr(outcome, pt_names[PT_FIELDS]);
    if (fields == NULL || pt_credited(fields, positions, &credited)) {
        goto done;
    }
    /* a block of odd length, or the block right over a credited caption (found as bisect_left
     * finds it: the first kept block whose index is not below the caption's less one) */
    for (Py_ssize_t p = 0; p < n_texts; p++) {
        asked[p] = PyUnicode_GET_LENGTH(ks[p].text) & 1;
    }
    for (Py_ssize_t j = 0; j < credited.n; j++) {
        Py_ssize_t lo = 0, hi = n;
        while (lo < hi) {
            Py_ssize_t mid = (lo + hi) / 2;
            if (ks[mid].index < credited.at[j] - 1) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo < n_texts && pt_credited_at(&credited, ks[lo].index + 1) != NULL) {
            asked[lo] = 1;
        }
    }
    for (Py_ssize_t p = 0; p < n_texts; p++) {
        PtKept *k = &ks[p];
        if (!asked[p] || in_found[p] || k->index <= start || k->titled) {
            continue;
        }
        if (k->in_over) {
            continue;
        }
        int copy = pt_doubled(k, twice_words);
        /* (no caption: no copy of one) */
        PyObject *caption = copy ? NULL : pt_credited_at(&credited, k->index + 1);
        if (caption != NULL) {
            Py_INCREF(caption);
            PyObject *said = PyObject_CallFunctionObjArgs(copy_of, k->text, caption, NULL);
            Py_DECREF(caption);
            copy = said == NULL ? -1 : PyObject_IsTrue(said);
            Py_XDECREF(said);
            if (copy < 0) {
                goto done;
            }
        }
        if (copy) {
            in_found[p] = 1;
            order[n_found] = p;
            value_of[n_found++] = 1;
        }
    }
    /* most of the story's paragraphs printed twice: the story is, not its captions */
    Py_ssize_t taken = 0;
    for (Py_ssize_t f = 0; f < n_found; f++) {
        taken += prose[order[f]];
    }
    result = PyDict_New();
    if (result == NULL || 2 * taken > n_prose) {
        goto done;
    }
    for (Py_ssize_t f = 0; f < n_found; f++) {
        PyObject *key = PyLong_FromSsize_t(order[f]);
        if (key == NULL || PyDict_SetItem(result, key, value_of[f] ? Py_True : Py_False)) {
            Py_XDECREF(key);
            Py_CLEAR(result);
            goto done;
        }
        Py_DECREF(key);
    }
done:
    PyMem_Free(ks);
    PyMem_Free(prose);
    PyMem_Free(in_found);
    PyMem_Free(asked);
    PyMem_Free(value_of);
    PyMem_Free(order);
    PyMem_Free(credited.at);
    PyMem_Free(credited.value);
    kept_texts_free(&kept);
    Py_XDECREF(labels);
    Py_XDECREF(positions);
    Py_XDECREF(fields);
    Py_XDECREF(field);
    return result;
}

/* ---- What structure.drop_repeats asks before its walk (cleaner/passes/repeats.py), apart
 * from the scans above: python_caption_hits (core.caption-repeat's test: the kept blocks that
 * are a caption's text printed again) and structure.keys_distinct (no two blocks of the same
 * repeat key), which repeats.py calls when REPEATS_HASH is the hash of the code they follow
 * (compiled_follows.REPEATS; tests/test_repeat_facts.py holds the two to the same answers).
 * Where lower-casing or casefolding meets a letter outside ASCII, str's own method is asked,
 * as the Python does. ---- */

/* The code hash of compiled_follows.REPEATS this follows. */
#define REPEATS_HASH "7c25bc9dee4a4ed1"

/* What a Latin-1 character is in a text_key: 0 left out, 1 a letter or digit outside ASCII
 * (casefolded by str.casefold), else itself lowered (cr_key_table, on the first call). */
static Py_UCS1 cr_key_of[256];
static int cr_key_ready;

static void
cr_key_table(void)
{
    if (cr_key_ready) {
        return;
    }
    cr_key_ready = 1;
    for (int ch = 0; ch < 256; ch++) {
        if (ch < 128) {
            cr_key_of[ch] = (ch >= 'A' && ch <= 'Z')   ? (Py_UCS1)(ch + 32)
                            : ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) ? (Py_UCS1)ch
                                                                                    : 0;
        }
        else {
            cr_key_of[ch] = Py_UNICODE_ISALNUM(ch) ? 1 : 0;
        }
    }
}

/* lexicon.text_key(text) where it keeps no letter or digit outside ASCII: its letters and
 * digits (re's [\W_] is every other character: _sre's word test is Py_UNICODE_ISALNUM or
 * '_'), lowered, written to out (room for the text's length). Returns their number, or -1
 * where the text keeps a letter or digit outside ASCII (cr_wide_key: str.casefold). */
#define CR_ASCII_KEY(TYPE, WIDE_TEST)                                                   \
    {                                                                                   \
        const TYPE *p = data;                                                           \
        for (Py_ssize_t i = 0; i < len; i++) {                                          \
            Py_UCS4 ch = p[i];                                                          \
            Py_UCS1 v;                                                                  \
            if (WIDE_TEST) {                                                            \
                if (Py_UNICODE_ISALNUM(ch)) {                                           \
                    return -1;                                                          \
                }                                                                       \
                continue;                                                               \
            }                                                                           \
            v = cr_key_of[ch];                                                          \
            out[n] = v;                                                                 \
            n += v > 1;                                                                 \
            wide |= v == 1;                                                             \
        }                                                                               \
    }

static Py_ssize_t
cr_ascii_key(PyObject *text, Py_UCS1 *out)
{
    int kind = PyUnicode_KIND(text), wide = 0;
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text), n = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        CR_ASCII_KEY(Py_UCS1, 0)
    }
    else if (kind == PyUnicode_2BYTE_KIND) {
        CR_ASCII_KEY(Py_UCS2, ch > 255)
    }
    else {
        CR_ASCII_KEY(Py_UCS4, ch > 255)
    }
    return wide ? -1 : n;
}

/* lexicon.text_key(text) of any text: its letters and digits, str.casefold of them. A new
 * reference. */
static PyObject *
cr_wide_key(PyObject *text)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text), n = 0;
    Py_UCS4 *out = PyMem_Malloc((len + 1) * sizeof(Py_UCS4));
    if (out == NULL) {
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISALNUM(ch)) {
            out[n++] = ch;
        }
    }
    PyObject *key = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, n);
    PyMem_Free(out);
    if (key != NULL) {
        Py_SETREF(key, PyObject_CallMethodNoArgs(key, str_casefold));
    }
    return key;
}

/* lexicon.text_key(text), a new reference. */
static PyObject *
cr_key(PyObject *text)
{
    cr_key_table();
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    Py_UCS1 *out = PyMem_Malloc(len + 1);
    if (out == NULL) {
        return PyErr_NoMemory();
    }
    Py_ssize_t n = cr_ascii_key(text, out);
    PyObject *key = n >= 0 ? PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, out, n)
                           : cr_wide_key(text);
    PyMem_Free(out);
    return key;
}

/* repeat_key(text) -> lexicon.text_key(text) (the key this test computes, for the tests). */
static PyObject *
cr_repeat_key(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "repeat_key takes a str");
        return NULL;
    }
    return cr_key(text);
}

/* What the test asks of the captions (repeats.caption_facts), once a call. */
typedef struct {
    Py_ssize_t limit;   /* twice the longest caption's length */
    PyObject *lowered;  /* " ".join(captions).lower(), a new reference */
    Py_ssize_t *tokens; /* each word of it: its start and length (PyMem) */
    Py_ssize_t n_tokens;
    PyObject *keys; /* each caption's text_key: a list, a new reference */
} CrCaptions;

static void
cr_captions_free(CrCaptions *c)
{
    Py_CLEAR(c->lowered);
    Py_CLEAR(c->keys);
    PyMem_Free(c->tokens);
    c->tokens = NULL;
}

/* The captions' facts into c (zeroed first); 0, or -1 on an error (c freed). Lowered in C
 * where every caption is ASCII, else by str.lower of them joined (as the Python does). */
static int
cr_captions(PyObject *captions, CrCaptions *c)
{
    memset(c, 0, sizeof(*c));
    PyObject *seq = PySequence_Fast(captions, "captions must be a sequence");
    if (seq == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), total = 0;
    int ascii = 1;
    c->keys = PyList_New(n);
    if (c->keys == NULL) {
        goto failed;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *caption = PySequence_Fast_GET_ITEM(seq, k);
        if (!PyUnicode_Check(caption)) {
            PyErr_SetString(PyExc_TypeError, "captions must be str");
            goto failed;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(caption);
        c->limit = 2 * len > c->limit ? 2 * len : c->limit;
        total += len + 1;
        ascii &= PyUnicode_IS_ASCII(caption);
        PyObject *key = cr_key(caption);
        if (key == NULL) {
            goto failed;
        }
        PyList_SET_ITEM(c->keys, k, key);
    }
    if (ascii) {
        Py_UCS1 *out = PyMem_Malloc(total + 1);
        if (out == NULL) {
            PyErr_NoMemory();
            goto failed;
        }
        Py_ssize_t at = 0;
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *caption = PySequence_Fast_GET_ITEM(seq, k);
            const Py_UCS1 *p = PyUnicode_1BYTE_DATA(caption);
            if (k) {
                out[at++] = ' ';
            }
            for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(caption); i++) {
                out[at++] = (p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i];
            }
        }
        c->lowered = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, out, at);
        PyMem_Free(out);
    }
    else {
        PyObject *space = PyUnicode_FromOrdinal(' ');
        if (space != NULL) {
            c->lowered = PyUnicode_Join(space, seq);
            Py_DECREF(space);
        }
        if (c->lowered != NULL) {
            Py_SETREF(c->lowered, PyObject_CallMethodNoArgs(c->lowered, str_lower));
        }
    }
    if (c->lowered == NULL) {
        goto failed;
    }
    /* its words: runs of characters that are no space by str.split's test */
    int kind = PyUnicode_KIND(c->lowered);
    const void *data = PyUnicode_DATA(c->lowered);
    Py_ssize_t len = PyUnicode_GET_LENGTH(c->lowered), i = 0;
    c->tokens = PyMem_Malloc((len + 1) * sizeof(Py_ssize_t));
    if (c->tokens == NULL) {
        PyErr_NoMemory();
        goto failed;
    }
    while (1) {
        while (i < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        if (i == len) {
            break;
        }
        Py_ssize_t start = i;
        while (i < len && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        c->tokens[2 * c->n_tokens] = start;
        c->tokens[2 * c->n_tokens + 1] = i - start;
        c->n_tokens++;
    }
    Py_DECREF(seq);
    return 0;
failed:
    Py_DECREF(seq);
    cr_captions_free(c);
    return -1;
}

/* Whether a word (kind, data, len: lowered) is one of the captions' words. */
static int
cr_caption_word(const CrCaptions *c, int kind, const void *data, Py_ssize_t len)
{
    int ckind = PyUnicode_KIND(c->lowered);
    const void *cdata = PyUnicode_DATA(c->lowered);
    for (Py_ssize_t t = 0; t < c->n_tokens; t++) {
        Py_ssize_t start = c->tokens[2 * t];
        if (c->tokens[2 * t + 1] != len) {
            continue;
        }
        Py_ssize_t k = 0;
        while (k < len && PyUnicode_READ(kind, data, k) == PyUnicode_READ(ckind, cdata, start + k)) {
            k++;
        }
        if (k == len) {
            return 1;
        }
    }
    return 0;
}

/* repeats._shares_first_word(text, words): 1, 0, or -1 on an error. Words are runs of
 * characters that are no space by str.split's test; an ASCII word is lowered here, any other
 * by str.lower (a word alone, as the Python's: a final sigma is lowered by its neighbours). */
static int
cr_first_word(PyObject *text, const CrCaptions *c)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text), i = 0;
    for (int taken = 0; taken < 6; taken++) {
        while (i < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        if (i == len) {
            break;
        }
        Py_ssize_t start = i;
        int ascii = 1;
        for (; i < len; i++) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, i);
            if (Py_UNICODE_ISSPACE(ch)) {
                break;
            }
            ascii &= ch < 128;
        }
        if (ascii) {
            if (i - start <= 3) {
                continue; /* lowering an ASCII word keeps its length */
            }
            Py_UCS1 small[64], *out = i - start <= 64 ? small : PyMem_Malloc(i - start);
            if (out == NULL) {
                PyErr_NoMemory();
                return -1;
            }
            for (Py_ssize_t k = start; k < i; k++) {
                Py_UCS4 ch = PyUnicode_READ(kind, data, k);
                out[k - start] = (Py_UCS1)((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
            }
            int found = cr_caption_word(c, PyUnicode_1BYTE_KIND, out, i - start);
            if (out != small) {
                PyMem_Free(out);
            }
            return found;
        }
        PyObject *word = PyUnicode_Substring(text, start, i);
        if (word != NULL) {
            Py_SETREF(word, PyObject_CallMethodNoArgs(word, str_lower));
        }
        if (word == NULL) {
            return -1;
        }
        Py_ssize_t wlen = PyUnicode_GET_LENGTH(word);
        int found = wlen > 3 ? cr_caption_word(c, PyUnicode_KIND(word), PyUnicode_DATA(word), wlen)
                             : -2;
        Py_DECREF(word);
        if (found != -2) {
            return found;
        }
    }
    return 1;
}

/* Whether needle[0:len] stands in a caption's key (each of 1, 2 or 4 bytes a character). */
static int
cr_in(PyObject *caption, const Py_UCS1 *needle, Py_ssize_t len)
{
    if (PyUnicode_KIND(caption) == PyUnicode_1BYTE_KIND) {
        return memmem(PyUnicode_DATA(caption), PyUnicode_GET_LENGTH(caption), needle, len)
               != NULL;
    }
    PyObject *piece = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, needle, len);
    if (piece == NULL) {
        return -1;
    }
    int found = PyUnicode_Contains(caption, piece);
    Py_DECREF(piece);
    return found;
}

/* repeats._inside_caption(key, keys) of an ASCII key (key[0:len]): 1, 0, or -1. */
static int
cr_inside_ascii(const Py_UCS1 *key, Py_ssize_t len, PyObject *keys)
{
    Py_ssize_t half = len / 2;
    if (len == 0) {
        return 0;
    }
    int doubled = len % 2 == 0 && memcmp(key, key + half, half) == 0;
    int found = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(keys) && !found; k++) {
        PyObject *caption = PyList_GET_ITEM(keys, k);
        found = cr_in(caption, key, len);
        if (found == 0 && doubled) {
            found = cr_in(caption, key, half);
        }
    }
    return found;
}

/* repeats._inside_caption(key, keys) of any key (a str): 1, 0, or -1 on an error. */
static int
cr_inside(PyObject *key, PyObject *keys)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(key), half = len / 2;
    if (len == 0) {
        return 0;
    }
    int width = PyUnicode_KIND(key);
    const char *data = PyUnicode_DATA(key);
    int doubled = len % 2 == 0 && memcmp(data, data + half * width, half * width) == 0;
    PyObject *first = NULL;
    int found = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(keys) && !found; k++) {
        PyObject *caption = PyList_GET_ITEM(keys, k);
        found = PyUnicode_Contains(caption, key);
        if (found == 0 && doubled) {
            if (first == NULL && (first = PyUnicode_Substring(key, 0, half)) == NULL) {
                return -1;
            }
            found = PyUnicode_Contains(caption, first);
        }
    }
    Py_XDECREF(first);
    return found;
}

/* Whether a text within the length is a caption's repeat: 1, 0, or -1 on an error. */
static int
cr_hit(PyObject *text, const CrCaptions *c)
{
    /* blocks.word_count(text) >= 4: three spaces */
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    if (count_spaces(kind, data, len, 3) < 3) {
        return 0;
    }
    int hit = cr_first_word(text, c);
    if (hit != 1) {
        return hit;
    }
    Py_UCS1 small[512], *out = len <= 512 ? small : PyMem_Malloc(len);
    if (out == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t n = cr_ascii_key(text, out);
    if (n >= 0) {
        hit = cr_inside_ascii(out, n, c->keys);
    }
    else {
        PyObject *key = cr_wide_key(text);
        hit = key == NULL ? -1 : cr_inside(key, c->keys);
        Py_XDECREF(key);
    }
    if (out != small) {
        PyMem_Free(out);
    }
    return hit;
}

/* structure.keys_distinct's key of a text: the text less the first of the datelines it opens
 * with and is longer than, and the spaces after it (str.lstrip); else the text. New. */
static PyObject *
cr_repeat_key_of(PyObject *text, PyObject *datelines)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t d = 0; d < PyTuple_GET_SIZE(datelines); d++) {
        PyObject *dateline = PyTuple_GET_ITEM(datelines, d);
        Py_ssize_t at = PyUnicode_GET_LENGTH(dateline);
        if (len <= at) {
            continue;
        }
        Py_ssize_t opens = PyUnicode_Tailmatch(text, dateline, 0, PY_SSIZE_T_MAX, -1);
        if (opens < 0) {
            return NULL;
        }
        if (opens) {
            int kind = PyUnicode_KIND(text);
            const void *data = PyUnicode_DATA(text);
            while (at < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, at))) {
                at++;
            }
            return PyUnicode_Substring(text, at, len);
        }
    }
    return Py_NewRef(text);
}

/* repeat_facts(kept, captions, datelines) -> (repeats.python_caption_hits(kept, captions),
 * structure.keys_distinct(kept, datelines)) */
static PyObject *
cr_repeat_facts(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "repeat_facts takes 3 arguments");
        return NULL;
    }
    PyObject *datelines = args[2];
    if (!PyTuple_Check(datelines)) {
        PyErr_SetString(PyExc_TypeError, "datelines must be a tuple");
        return NULL;
    }
    for (Py_ssize_t d = 0; d < PyTuple_GET_SIZE(datelines); d++) {
        if (!PyUnicode_Check(PyTuple_GET_ITEM(datelines, d))) {
            PyErr_SetString(PyExc_TypeError, "datelines must be str");
            return NULL;
        }
    }
    cr_key_table();
    CrCaptions c; /* (no captions: no text is within a length of 0 and of four words) */
    if (cr_captions(args[1], &c)) {
        return NULL;
    }
    KeptTexts kept;
    PyObject *hits = NULL, *keys = NULL, *result = NULL;
    if (kept_texts(args[0], 0, 1, &kept)) {
        goto done;
    }
    hits = PyList_New(0);
    keys = PySet_New(NULL);
    if (hits == NULL || keys == NULL) {
        goto done;
    }
    Py_ssize_t n = kept.n;
    for (Py_ssize_t position = 0; position < n; position++) {
        PyObject *text = kept.text[position];
        PyObject *key = cr_repeat_key_of(text, datelines);
        int hit = key == NULL || PySet_Add(keys, key) ? -1
                  : PyUnicode_GET_LENGTH(text) <= c.limit ? cr_hit(text, &c)
                                                          : 0;
        Py_XDECREF(key);
        if (hit < 0) {
            goto done;
        }
        if (hit) {
            PyObject *at = PyLong_FromSsize_t(position);
            if (at == NULL || PyList_Append(hits, at)) {
                Py_XDECREF(at);
                goto done;
            }
            Py_DECREF(at);
        }
    }
    result = Py_BuildValue("(OO)", hits, PySet_GET_SIZE(keys) == n ? Py_True : Py_False);
done:
    kept_texts_free(&kept);
    Py_XDECREF(hits);
    Py_XDECREF(keys);
    cr_captions_free(&c);
    return result;
}

/* ---- The headline model's features of each candidate (headline.python_features: the loop
 * over the candidates, with _shape_features and _repeat_features), under HEADLINE_HASH: each
 * candidate's dict, its names and values in the Python's order (crfsuite sums the weights in
 * that order). headline.features hands in the page's facts (_page), the story model's
 * marginal, words_of (called back for a text outside ASCII: its Han and kana counted) and the
 * sentence marks. ---- */

/* The names of a fixed few values, made once: an attribute and its values from lo up. */
typedef struct {
    const char *prefix;
    int lo, n;
    PyObject **names;
} HfNames;

enum { HF_MT, HF_CAND, HF_CANDR, HF_TOSTORY, HF_TC, HF_LEDE, HF_W, HF_PW, HF_NW, HF_TABLES };
static PyObject *hf_made[6 + 6 + 6 + 12 + 6 + 6 + 7 * 3];
static HfNames hf_tables[HF_TABLES] = {
    {"mt=", 0, 6, NULL},        {"cand=", 0, 6, NULL}, {"candr=", 0, 6, NULL},
    {"tostory=", -3, 12, NULL}, {"tc=", 0, 6, NULL},   {"lede=", 0, 6, NULL},
    {"w=", 0, 7, NULL},         {"pw=", 0, 7, NULL},   {"nw=", 0, 7, NULL},
};
/* headline._words_bucket's edges (the last bucket ">22") */
static const int hf_edges[6] = {2, 4, 7, 11, 16, 22};

enum {
    HF_BIAS, HF_MT1, HF_PMT, HF_NMT, HF_PEDGE, HF_NEDGE, HF_NOSTORY, HF_FINDER, HF_SENT, HF_CAPS,
    HF_COLON, HF_SEP, HF_ANCHOR, HF_FIELD, HF_ANCHOR_BELOW, HF_AFTER_SHORT, HF_DUP_BELOW,
    HF_DUP_ABOVE, HF_PREFIX_OF, HF_HAS_PREFIX, HF_LEDE_BEST, HF_LAB, HF_PL, HF_NL, HF_START,
    HF_TITLE, HF_WORDS
};
static const char *const hf_word_text[HF_WORDS] = {
    "bias", "mt", "pmt", "nmt", "pedge", "nedge", "nostory", "finder", "sent", "caps", "colon",
    "sep", "anchor", "field", "anchor_below", "after_short", "dup_below", "dup_above",
    "prefix_of", "has_prefix", "lede_best", "lab=", "pl=", "nl=", "start=", "title",
};
static PyObject *hf_words[HF_WORDS];
static PyObject *hf_one;

static int
hf_init(void)
{
    if (hf_one != NULL) {
        return 0;
    }
    for (int w = 0; w < HF_WORDS; w++) {
        hf_words[w] = PyUnicode_InternFromString(hf_word_text[w]);
        if (hf_words[w] == NULL) {
            return -1;
        }
    }
    PyObject **at = hf_made;
    for (int t = 0; t < HF_TABLES; t++) {
        HfNames *table = &hf_tables[t];
        table->names = at;
        for (int v = 0; v < table->n; v++) {
            if (t >= HF_W) {
                at[v] = v < 6 ? PyUnicode_FromFormat("%s%d", table->prefix, hf_edges[v])
                              : PyUnicode_FromFormat("%s>22", table->prefix);
            } else {
                at[v] = PyUnicode_FromFormat("%s%d", table->prefix, table->lo + v);
            }
            if (at[v] == NULL) {
                return -1;
            }
        }
        at += table->n;
    }
    hf_one = PyFloat_FromDouble(1.0);
    return hf_one == NULL ? -1 : 0;
}

/* feats[name] = value (borrowed references; -1 on failure). */
static inline int
hf_set(PyObject *feats, PyObject *name, PyObject *value)
{
    return PyDict_SetItem(feats, name, value);
}

/* feats[prefix + text] = 1.0 */
static int
hf_set_joined(PyObject *feats, PyObject *prefix, PyObject *text)
{
    PyObject *name = PyUnicode_Concat(prefix, text);
    if (name == NULL) {
        return -1;
    }
    int failed = PyDict_SetItem(feats, name, hf_one);
    Py_DECREF(name);
    return failed;
}

/* headline._fifths(value) as an index (of a value from 0 up: a probability, a share; -1 with
 * ValueError else, where the Python would name "mt=-1" or fail on a NaN) */
static inline int
hf_fifths(double value)
{
    if (!(value * 5 + 0.5 >= 0.0)) {
        PyErr_SetString(PyExc_ValueError, "a headline feature's value must be 0 or more");
        return -1;
    }
    double n = value * 5 + 0.5;
    return n < 5.0 ? (int)n : 5;
}

/* headline._words_bucket(round(words_of(text))) as an index: an ASCII text's words are
 * word_count's (its spaces and one), another's words_of's (called back). -1 on failure. */
static int
hf_bucket(PyObject *text, PyObject *words_of)
{
    double words;
    if (PyUnicode_IS_ASCII(text)) {
        words = (double)(spaces_of(text, PY_SSIZE_T_MAX) + 1);
    } else {
        PyObject *found = PyObject_CallOneArg(words_of, text);
        if (found == NULL) {
            return -1;
        }
        words = PyFloat_AsDouble(found);
        Py_DECREF(found);
        if (words == -1.0 && PyErr_Occurred()) {
            return -1;
        }
    }
    double n = nearbyint(words); /* round(): half to even, as the default rounding mode */
    for (int b = 0; b < 6; b++) {
        if (n <= hf_edges[b]) {
            return b;
        }
    }
    return 6;
}

/* str.isupper of text[start:end] */
static int
hf_is_upper(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    int cased = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISLOWER(ch) || Py_UNICODE_ISTITLE(ch)) {
            return 0;
        }
        if (!cased && Py_UNICODE_ISUPPER(ch)) {
            cased = 1;
        }
    }
    return cased;
}

/* headline._SUFFIX's search: a space, one of - | – — · : » or '::', a space. */
static int
hf_suffix(int kind, const void *data, Py_ssize_t len)
{
    for (Py_ssize_t i = 0; i + 2 < len; i++) {
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            continue;
        }
        Py_UCS4 mark = PyUnicode_READ(kind, data, i + 1);
        if (mark == '-' || mark == '|' || mark == 0x2013 || mark == 0x2014 || mark == 0xb7
            || mark == ':' || mark == 0xbb) {
            if (Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i + 2))) {
                return 1;
            }
            if (mark == ':' && i + 3 < len && PyUnicode_READ(kind, data, i + 2) == ':'
                && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i + 3))) {
                return 1;
            }
        }
    }
    return 0;
}

/* headline._shape_features(feats, text) */
static int
hf_shape(PyObject *feats, PyObject *text, PyObject *words_of, const NsMarks *marks)
{
    int bucket = hf_bucket(text, words_of);
    if (bucket < 0 || hf_set(feats, hf_tables[HF_W].names[bucket], hf_one)) {
        return -1;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    if (pt_ends_sentence(kind, data, 0, len, marks) && hf_set(feats, hf_words[HF_SENT], hf_one)) {
        return -1;
    }
    /* the tokens (str.split()) that open with a letter */
    Py_ssize_t tokens = 0, upper = 0;
    int caps = 1;
    for (Py_ssize_t i = 0; i < len;) {
        while (i < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        if (i == len) {
            break;
        }
        Py_ssize_t start = i;
        while (i < len && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        Py_UCS4 first = PyUnicode_READ(kind, data, start);
        if (!Py_UNICODE_ISALPHA(first)) {
            continue;
        }
        tokens++;
        upper += Py_UNICODE_ISUPPER(first) != 0;
        if (caps && !hf_is_upper(kind, data, start, i)) {
            caps = 0;
        }
    }
    if (tokens) {
        int fifth = hf_fifths((double)upper / (double)tokens);
        if (hf_set(feats, hf_tables[HF_TC].names[fifth], hf_one)) {
            return -1;
        }
        if (caps && tokens > 1 && hf_set(feats, hf_words[HF_CAPS], hf_one)) {
            return -1;
        }
    }
    PyObject *start;
    if (len == 0) {
        start = PyUnicode_FromString("");
    } else {
        Py_UCS4 first = PyUnicode_READ(kind, data, 0);
        start = Py_UNICODE_ISALPHA(first)   ? PyUnicode_FromOrdinal('a')
                : Py_UNICODE_ISDIGIT(first) ? PyUnicode_FromOrdinal('d')
                                            : PyUnicode_FromOrdinal(first);
    }
    if (start == NULL) {
        return -1;
    }
    int failed = hf_set_joined(feats, hf_words[HF_START], start);
    Py_DECREF(start);
    if (failed) {
        return -1;
    }
    Py_ssize_t colon = PyUnicode_FindChar(text, ':', 0, len, 1);
    if (colon == -2) {
        return -1;
    }
    if (0 < colon && colon < len - 1 && hf_set(feats, hf_words[HF_COLON], hf_one)) {
        return -1;
    }
    if (hf_suffix(kind, data, len) && hf_set(feats, hf_words[HF_SEP], hf_one)) {
        return -1;
    }
    return 0;
}

/* Whether a[:len(b)] == b and a[len(b)] == ' ' (a.startswith(b + " ")). */
static int
hf_opens_with(PyObject *a, PyObject *b)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(b);
    return PyUnicode_GET_LENGTH(a) > n
           && PyUnicode_READ_CHAR(a, n) == ' '
           && pt_same(PyUnicode_KIND(a), PyUnicode_DATA(a), 0, PyUnicode_KIND(b),
                      PyUnicode_DATA(b), n);
}

/* headline._repeat_features(feats, key, index, keys); spaces[k]: keys[k].count(" ") */
static int
hf_repeats(PyObject *feats, PyObject *key, Py_ssize_t index, PyObject *keys,
           const Py_ssize_t *spaces)
{
    Py_ssize_t size = spaces_of(key, PY_SSIZE_T_MAX) + 1;
    Py_ssize_t n = PyList_GET_SIZE(keys);
    for (Py_ssize_t other = 0; other < n; other++) {
        PyObject *other_key = PyList_GET_ITEM(keys, other);
        if (other == index || PyUnicode_GET_LENGTH(other_key) == 0) {
            continue;
        }
        PyObject *name = NULL;
        Py_ssize_t len = PyUnicode_GET_LENGTH(key);
        if (PyUnicode_GET_LENGTH(other_key) == len
            && pt_same(PyUnicode_KIND(other_key), PyUnicode_DATA(other_key), 0,
                       PyUnicode_KIND(key), PyUnicode_DATA(key), len)) {
            name = hf_words[other > index ? HF_DUP_BELOW : HF_DUP_ABOVE];
        } else if (size >= 3 && hf_opens_with(other_key, key) && spaces[other] < size + 10) {
            name = hf_words[HF_PREFIX_OF];
        } else if (spaces[other] >= 2 && hf_opens_with(key, other_key)) {
            name = hf_words[HF_HAS_PREFIX];
        }
        if (name != NULL && hf_set(feats, name, hf_one)) {
            return -1;
        }
    }
    return 0;
}

/* Whether the int n is in the set. */
static int
hf_in(PyObject *set, Py_ssize_t n)
{
    PyObject *value = PyLong_FromSsize_t(n);
    if (value == NULL) {
        return -1;
    }
    int found = PySet_Contains(set, value);
    Py_DECREF(value);
    return found;
}

/* marginal("title", index): the object and its float value. */
static PyObject *
hf_marginal(PyObject *marginal, Py_ssize_t index, double *value)
{
    PyObject *at = PyLong_FromSsize_t(index);
    if (at == NULL) {
        return NULL;
    }
    PyObject *args[2] = {hf_words[HF_TITLE], at};
    PyObject *found = PyObject_Vectorcall(marginal, args, 2, NULL);
    Py_DECREF(at);
    if (found != NULL && value != NULL) {
        *value = PyFloat_AsDouble(found);
        if (*value == -1.0 && PyErr_Occurred()) {
            Py_CLEAR(found);
        }
    }
    return found;
}

/* One candidate's features: the loop body of headline.python_features. */
static int
hf_candidate(PyObject *feats, Py_ssize_t n, Py_ssize_t count, Py_ssize_t p, const KeptTexts *k,
             PyObject *marginal, PyObject *labels, Py_ssize_t labels_n, PyObject *first_story,
             PyObject *keys, const Py_ssize_t *spaces, PyObject *anchors, PyObject *fields,
             double share, double best_share, PyObject *fallback, PyObject *words_of,
             const NsMarks *marks)
{
    PyObject *text = k->text[p];
    Py_ssize_t index = k->index[p];
    double title_value;
    PyObject *title = hf_marginal(marginal, index, &title_value);
    if (title == NULL) {
        return -1;
    }
    int fifth = hf_fifths(title_value);
    PyObject *label = fifth < 0 ? NULL : PySequence_GetItem(labels, index);
    int failed = label == NULL || hf_set(feats, hf_words[HF_BIAS], hf_one)
                 || hf_set_joined(feats, hf_words[HF_LAB], label)
                 || hf_set(feats, hf_words[HF_MT1], title)
                 || hf_set(feats, hf_tables[HF_MT].names[fifth], hf_one)
                 || hf_set(feats, hf_tables[HF_CAND].names[n < 5 ? n : 5], hf_one)
                 || hf_set(feats,
                           hf_tables[HF_CANDR].names[count - 1 - n < 5 ? count - 1 - n : 5],
                           hf_one);
    Py_XDECREF(label);
    Py_DECREF(title);
    if (failed) {
        return -1;
    }
    for (int side = 0; side < 2; side++) {
        Py_ssize_t q = side ? p + 1 : p - 1;
        if (0 <= q && q < k->n && k->index[q] < labels_n) {
            PyObject *near = PySequence_GetItem(labels, k->index[q]);
            if (near == NULL) {
                return -1;
            }
            failed = hf_set_joined(feats, hf_words[side ? HF_NL : HF_PL], near);
            Py_DECREF(near);
            if (failed) {
                return -1;
            }
            PyObject *near_title = hf_marginal(marginal, k->index[q], NULL);
            if (near_title == NULL) {
                return -1;
            }
            failed = hf_set(feats, hf_words[side ? HF_NMT : HF_PMT], near_title);
            Py_DECREF(near_title);
            int bucket = failed ? -1 : hf_bucket(k->text[q], words_of);
            if (bucket < 0
                || hf_set(feats, hf_tables[side ? HF_NW : HF_PW].names[bucket], hf_one)) {
                return -1;
            }
        } else if (hf_set(feats, hf_words[side ? HF_NEDGE : HF_PEDGE], hf_one)) {
            return -1;
        }
    }
    if (first_story == Py_None) {
        if (hf_set(feats, hf_words[HF_NOSTORY], hf_one)) {
            return -1;
        }
    } else {
        Py_ssize_t first = PyLong_AsSsize_t(first_story);
        if (first == -1 && PyErr_Occurred()) {
            return -1;
        }
        Py_ssize_t to = first - p;
        to = to < -3 ? -3 : to > 8 ? 8 : to;
        if (hf_set(feats, hf_tables[HF_TOSTORY].names[to + 3], hf_one)) {
            return -1;
        }
    }
    if (fallback != Py_None) {
        int same = PyObject_RichCompareBool(text, fallback, Py_EQ);
        if (same < 0 || (same && hf_set(feats, hf_words[HF_FINDER], hf_one))) {
            return -1;
        }
    }
    if (hf_shape(feats, text, words_of, marks)) {
        return -1;
    }
    int anchor = hf_in(anchors, index);
    if (anchor < 0) {
        return -1;
    }
    if (anchor) {
        if (hf_set(feats, hf_words[HF_ANCHOR], hf_one)) {
            return -1;
        }
    } else {
        int field = hf_in(fields, index);
        if (field < 0 || (field && hf_set(feats, hf_words[HF_FIELD], hf_one))) {
            return -1;
        }
    }
    for (Py_ssize_t a = index + 1; a < index + 4; a++) {
        int below = hf_in(anchors, a);
        if (below < 0) {
            return -1;
        }
        if (below) {
            if (hf_set(feats, hf_words[HF_ANCHOR_BELOW], hf_one)) {
                return -1;
            }
            break;
        }
    }
    if (p >= 2 && spaces_of(k->text[p - 1], 4) < 4 && spaces_of(k->text[p - 2], 4) < 4
        && hf_set(feats, hf_words[HF_AFTER_SHORT], hf_one)) {
        return -1;
    }
    if (index < 0 || index >= PyList_GET_SIZE(keys)) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    PyObject *key = PyList_GET_ITEM(keys, index);
    if (PyUnicode_GET_LENGTH(key) && hf_repeats(feats, key, index, keys, spaces)) {
        return -1;
    }
    int lede = hf_fifths(share);
    if (lede < 0 || hf_set(feats, hf_tables[HF_LEDE].names[lede], hf_one)) {
        return -1;
    }
    if (share != 0.0 && share == best_share && hf_set(feats, hf_words[HF_LEDE_BEST], hf_one)) {
        return -1;
    }
    return 0;
}

/* candidate_features(marginal, labels, kept, positions, page, fallback, words_of, marks)
 * -> headline.python_features(marginal, labels, blocks, kept, positions, outcome, fallback),
 * page being headline._page's (first_story, keys, anchors, fields, shares) of them. */
static PyObject *
hf_candidate_features(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 8) {
        PyErr_SetString(PyExc_TypeError, "candidate_features takes 8 arguments");
        return NULL;
    }
    PyObject *marginal = args[0], *labels = args[1], *kept = args[2], *positions = args[3];
    PyObject *page = args[4], *fallback = args[5], *words_of = args[6];
    if (hf_init()) {
        return NULL;
    }
    NsMarks marks;
    if (ns_marks(args[7], &marks)) {
        return NULL;
    }
    if (!PyTuple_Check(page) || PyTuple_GET_SIZE(page) != 5) {
        PyErr_SetString(PyExc_TypeError, "page must be headline._page's five facts");
        return NULL;
    }
    PyObject *first_story = PyTuple_GET_ITEM(page, 0), *keys = PyTuple_GET_ITEM(page, 1);
    PyObject *anchors = PyTuple_GET_ITEM(page, 2), *fields = PyTuple_GET_ITEM(page, 3);
    PyObject *shares = PyTuple_GET_ITEM(page, 4);
    if (!PyList_Check(keys) || !PyAnySet_Check(anchors) || !PyAnySet_Check(fields)
        || !PyList_Check(shares)) {
        PyErr_SetString(PyExc_TypeError, "page's keys and shares must be lists, its anchors and "
                                         "fields sets");
        return NULL;
    }
    Py_ssize_t labels_n = PySequence_Size(labels);
    if (labels_n < 0) {
        return NULL;
    }
    PyObject *where = PySequence_Fast(positions, "positions must be a sequence");
    if (where == NULL) {
        return NULL;
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(where);
    KeptTexts k;
    Py_ssize_t *spaces = NULL;
    PyObject *result = NULL;
    if (kept_texts(kept, 1, 1, &k)) {
        goto done;
    }
    if (PyList_GET_SIZE(shares) != count) {
        PyErr_SetString(PyExc_ValueError, "a share for each candidate expected");
        goto done;
    }
    Py_ssize_t keys_n = PyList_GET_SIZE(keys);
    spaces = PyMem_Malloc((keys_n ? keys_n : 1) * sizeof(Py_ssize_t));
    if (spaces == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t j = 0; j < keys_n; j++) {
        PyObject *key = PyList_GET_ITEM(keys, j);
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "a key must be a str");
            goto done;
        }
        spaces[j] = spaces_of(key, PY_SSIZE_T_MAX);
    }
    double best_share = 0.0;
    double *share_of = PyMem_Malloc((count ? count : 1) * sizeof(double));
    if (share_of == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t n = 0; n < count; n++) {
        share_of[n] = PyFloat_AsDouble(PyList_GET_ITEM(shares, n));
        if (share_of[n] == -1.0 && PyErr_Occurred()) {
            PyMem_Free(share_of);
            goto done;
        }
        if (n == 0 || share_of[n] > best_share) {
            best_share = share_of[n]; /* max(page.shares, default=0.0) */
        }
    }
    result = PyList_New(count);
    for (Py_ssize_t n = 0; result != NULL && n < count; n++) {
        Py_ssize_t p = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(where, n));
        if (p == -1 && PyErr_Occurred()) {
            Py_CLEAR(result);
            break;
        }
        if (p < 0 || p >= k.n) {
            PyErr_SetString(PyExc_IndexError, "a candidate's position is past the kept blocks");
            Py_CLEAR(result);
            break;
        }
        PyObject *feats = PyDict_New();
        if (feats == NULL) {
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(result, n, feats);
        if (hf_candidate(feats, n, count, p, &k, marginal, labels, labels_n, first_story, keys,
                         spaces, anchors, fields, share_of[n], best_share, fallback, words_of,
                         &marks)) {
            Py_CLEAR(result);
        }
    }
    PyMem_Free(share_of);
done:
    kept_texts_free(&k);
    PyMem_Free(spaces);
    Py_DECREF(where);
    return result;
}

/* ---- The first look of model.next-story's feed sign-off (cleaner/passes/story.py's
 * python_signoff_blocks, which _signed_off asks before its pattern tries a block): the blocks
 * of the page that hold the sign-off's piece, 'appeared f' case-blind. Story.py calls it when
 * SIGNOFF_HASH is the hash of the code it follows (compiled_follows.SIGNOFF;
 * tests/test_signoff_blocks.py holds the two to the same answers). Only the piece's letters and their
 * ASCII capitals match them case-blind in the regex engine (the same test reads every code
 * point), and no match holds the joining newline, so each text is read alone: a character is
 * one of the piece's where it is the piece's space, or is the piece's letter with bit 0x20 set
 * (only that letter and its capital are; a code unit of the two- and four-byte kinds keeps its
 * high bits). Sixteen (one-byte) or eight (two-byte) places a step are tested for the piece's
 * first, second and last characters by SSE2, and the places found are read whole. ---- */

/* The code hash of compiled_follows.SIGNOFF this follows. */
#define SIGNOFF_HASH "a1ba5ce07c8421a5"

#define SO_LEN 10
static const char so_piece[SO_LEN + 1] = "appeared f";

static KeptSlot so_text_slot;

/* Whether the piece starts at s[0] (SO_LEN characters readable there). */
#define SO_AT(T)                                                                               \
    static int so_at_##T(const T *s)                                                         \
    {                                                                                          \
        for (int k = 0; k < SO_LEN; k++) {                                                     \
            Py_UCS4 c = s[k];                                                                  \
            if (so_piece[k] == ' ' ? c != ' ' : (c | 0x20) != (Py_UCS4)so_piece[k]) {          \
                return 0;                                                                      \
            }                                                                                  \
        }                                                                                      \
        return 1;                                                                              \
    }
SO_AT(Py_UCS1)
SO_AT(Py_UCS2)
SO_AT(Py_UCS4)

/* Whether the text holds the piece. */
static int
so_holds(PyObject *text)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n < SO_LEN) {
        return 0;
    }
    Py_ssize_t last = n - SO_LEN; /* the last place the piece may start */
    Py_ssize_t i = 0;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND: {
        const Py_UCS1 *s = PyUnicode_1BYTE_DATA(text);
#ifdef __SSE2__
        const __m128i low = _mm_set1_epi8(0x20);
        const __m128i first = _mm_set1_epi8(so_piece[0]);
        const __m128i second = _mm_set1_epi8(so_piece[1]);
        const __m128i end = _mm_set1_epi8(so_piece[SO_LEN - 1]);
        for (; i + 15 <= last; i += 16) { /* places i .. i + 15, reading up to i + 15 + 9 */
            __m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i)), low);
            __m128i b = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i + 1)), low);
            __m128i z =
                _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i + SO_LEN - 1)), low);
            __m128i hit = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, first),
                                                      _mm_cmpeq_epi8(b, second)),
                                        _mm_cmpeq_epi8(z, end));
            unsigned int mask = (unsigned int)_mm_movemask_epi8(hit);
            while (mask) {
                if (so_at_Py_UCS1(s + i + __builtin_ctz(mask))) {
                    return 1;
                }
                mask &= mask - 1;
            }
        }
#endif
        for (; i <= last; i++) {
            if ((s[i + 1] | 0x20) == (Py_UCS1)so_piece[1] && so_at_Py_UCS1(s + i)) {
                return 1;
            }
        }
        return 0;
    }
    case PyUnicode_2BYTE_KIND: {
        const Py_UCS2 *s = PyUnicode_2BYTE_DATA(text);
#ifdef __SSE2__
        const __m128i low = _mm_set1_epi16(0x20);
        const __m128i first = _mm_set1_epi16(so_piece[0]);
        const __m128i second = _mm_set1_epi16(so_piece[1]);
        const __m128i end = _mm_set1_epi16(so_piece[SO_LEN - 1]);
        for (; i + 7 <= last; i += 8) { /* places i .. i + 7 */
            __m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i)), low);
            __m128i b = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i + 1)), low);
            __m128i z =
                _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i + SO_LEN - 1)), low);
            __m128i hit = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi16(a, first),
                                                      _mm_cmpeq_epi16(b, second)),
                                        _mm_cmpeq_epi16(z, end));
            unsigned int mask = (unsigned int)_mm_movemask_epi8(hit) & 0x5555u;
            while (mask) {
                if (so_at_Py_UCS2(s + i + __builtin_ctz(mask) / 2)) {
                    return 1;
                }
                mask &= mask - 1;
            }
        }
#endif
        for (; i <= last; i++) {
            if ((s[i + 1] | 0x20) == (Py_UCS2)so_piece[1] && so_at_Py_UCS2(s + i)) {
                return 1;
            }
        }
        return 0;
    }
    default: {
        const Py_UCS4 *s = PyUnicode_4BYTE_DATA(text);
        for (; i <= last; i++) {
            if ((s[i + 1] | 0x20) == (Py_UCS4)so_piece[1] && so_at_Py_UCS4(s + i)) {
                return 1;
            }
        }
        return 0;
    }
    }
}

/* signoff_blocks(blocks) -> story.python_signoff_blocks(blocks): the indexes of the blocks whose
 * text holds the piece, in order. A block without a text: its AttributeError; a text that is
 * no str: a TypeError (the Python's join raises one). */
static PyObject *
so_signoff_blocks(PyObject *Py_UNUSED(module), PyObject *blocks)
{
    PyObject *seq = PySequence_Fast(blocks, "blocks must be iterable");
    if (seq == NULL) {
        return NULL;
    }
    PyObject *found = PyList_New(0);
    if (found == NULL) {
        Py_DECREF(seq);
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t b = 0; b < n; b++) {
        PyObject *text = kept_get(items[b], str_text, &so_text_slot);
        if (text == NULL) {
            goto fail;
        }
        if (!PyUnicode_Check(text)) {
            PyErr_Format(PyExc_TypeError, "sequence item %zd: expected str instance, %.80s found",
                         b, Py_TYPE(text)->tp_name);
            Py_DECREF(text);
            goto fail;
        }
        int holds = so_holds(text);
        Py_DECREF(text);
        if (holds) {
            PyObject *index = PyLong_FromSsize_t(b);
            if (index == NULL || PyList_Append(found, index) < 0) {
                Py_XDECREF(index);
                goto fail;
            }
            Py_DECREF(index);
        }
    }
    Py_DECREF(seq);
    return found;
fail:
    Py_DECREF(found);
    Py_DECREF(seq);
    return NULL;
}

/* ---- core.caption-position's word test (cleaner/passes/caption_position.py's
 * python_holds_any): whether one of some words is in a text, read once whatever the count of
 * words, where Python's `in` reads the text again for each (and, of a text outside Latin-1, makes
 * each word a copy of its kind first): some 13 thousand instructions a call of fifteen words.
 * caption_position.py calls it when HOLDS_ANY_HASH is the hash of the code it follows
 * (compiled_follows.HOLDS_ANY; tests/test_holds_any.py holds the two to the same answers). Words
 * of ASCII alone (at most 64, none empty) are looked for from each place whose character is a
 * word's first; any other word list is asked of PyUnicode_Contains, word by word. ---- */

/* The code hash of compiled_follows.HOLDS_ANY this follows. */
#define HOLDS_ANY_HASH "b5fed161807c1fd2"

#define HA_SCAN(T)                                                                             \
    static int ha_scan_##T(const T *s, Py_ssize_t n, const uint64_t *firsts,                 \
                           const Py_UCS1 *const *word, const Py_ssize_t *length)             \
    {                                                                                          \
        for (Py_ssize_t i = 0; i < n; i++) {                                                   \
            Py_UCS4 c = s[i];                                                                  \
            if (c >= 128 || !firsts[c]) {                                                      \
                continue;                                                                      \
            }                                                                                  \
            for (uint64_t m = firsts[c]; m; m &= m - 1) {                                      \
                int w = __builtin_ctzll(m);                                                    \
                Py_ssize_t k = 1, len = length[w];                                             \
                if (len > n - i) {                                                             \
                    continue;                                                                  \
                }                                                                              \
                while (k < len && s[i + k] == word[w][k]) {                                    \
                    k++;                                                                       \
                }                                                                              \
                if (k == len) {                                                                \
                    return 1;                                                                  \
                }                                                                              \
            }                                                                                  \
        }                                                                                      \
        return 0;                                                                              \
    }
HA_SCAN(Py_UCS1)
HA_SCAN(Py_UCS2)
HA_SCAN(Py_UCS4)

/* holds_any(text, words) -> caption_position.python_holds_any(text, words). */
static PyObject *
ha_holds_any(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "holds_any(text, words)");
        return NULL;
    }
    PyObject *text = args[0];
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "holds_any: text must be str");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(args[1], "holds_any: words must be iterable");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    uint64_t firsts[128] = {0};
    const Py_UCS1 *word[64];
    Py_ssize_t length[64];
    int plain = count <= 64;
    for (Py_ssize_t w = 0; w < count; w++) {
        if (!PyUnicode_Check(items[w])) {
            PyErr_Format(PyExc_TypeError,
                         "'in <string>' requires string as left operand, not %.80s",
                         Py_TYPE(items[w])->tp_name);
            Py_DECREF(seq);
            return NULL;
        }
        if (plain) {
            if (!PyUnicode_IS_ASCII(items[w]) || PyUnicode_GET_LENGTH(items[w]) == 0) {
                plain = 0;
            } else {
                word[w] = PyUnicode_1BYTE_DATA(items[w]);
                length[w] = PyUnicode_GET_LENGTH(items[w]);
                firsts[word[w][0]] |= (uint64_t)1 << w;
            }
        }
    }
    int found = 0;
    if (!plain) {
        for (Py_ssize_t w = 0; w < count && !found; w++) {
            found = PyUnicode_Contains(text, items[w]);
            if (found < 0) {
                Py_DECREF(seq);
                return NULL;
            }
        }
    } else if (count) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        switch (PyUnicode_KIND(text)) {
        case PyUnicode_1BYTE_KIND:
            found = ha_scan_Py_UCS1(PyUnicode_1BYTE_DATA(text), n, firsts, word, length);
            break;
        case PyUnicode_2BYTE_KIND:
            found = ha_scan_Py_UCS2(PyUnicode_2BYTE_DATA(text), n, firsts, word, length);
            break;
        default:
            found = ha_scan_Py_UCS4(PyUnicode_4BYTE_DATA(text), n, firsts, word, length);
        }
    }
    Py_DECREF(seq);
    return PyBool_FromLong(found);
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_O, "Hand the module features.py's attributes and tables."},
    {"block_features", (PyCFunction)(void (*)(void))block_features, METH_FASTCALL,
     "block_features(blocks, kept, extras, stoplists) -> (own, near, far)"},
    {"join_records", (PyCFunction)(void (*)(void))join_records, METH_FASTCALL,
     "join_records(own, near, far, tables, edges) -> each block's crfsuite records"},
    {"weighted_records", (PyCFunction)(void (*)(void))weighted_records, METH_FASTCALL,
     "weighted_records(ids, xseq) -> crf.weighted_records: each item's crfsuite records"},
    {"state_table", state_table, METH_O,
     "state_table(data) -> crf.state_table(data): a crfsuite model's state features"},
    {"score_blocks", (PyCFunction)(void (*)(void))score_blocks, METH_FASTCALL,
     "score_blocks(scorer, own, near, far): the page's state scores into crfsuite's tagger"},
    {"marginal_point", (PyCFunction)(void (*)(void))marginal_point, METH_FASTCALL,
     "marginal_point(tagger, label, index) -> crfsuite's marginal probability"},
    {"content_words", hl_content_words, METH_O,
     "content_words(text) -> headline._content_words(text)"},
    {"content_shares", (PyCFunction)(void (*)(void))hl_content_shares, METH_FASTCALL,
     "content_shares(ledes, texts) -> headline._content_shares(ledes, texts)"},
    {"first_words", (PyCFunction)(void (*)(void))hl_first_words, METH_FASTCALL,
     "first_words(texts, head_chars, strip_heading_mark, key) -> headline._first_words"},
    {"page_keys", (PyCFunction)(void (*)(void))hl_page_keys, METH_FASTCALL,
     "page_keys(blocks, firsts, max_words, head_chars, strip_heading_mark, key) -> keys"},
    {"candidate_features", (PyCFunction)(void (*)(void))hf_candidate_features, METH_FASTCALL,
     "candidate_features(marginal, labels, kept, positions, page, fallback, words_of, marks) "
     "-> headline.python_features(...)"},
    {"page_scan", (PyCFunction)(void (*)(void))ns_page_scan, METH_FASTCALL,
     "page_scan(blocks, low, high, rule_chars, marks) -> (shaped, drawn)"},
    {"next_story_candidates", (PyCFunction)(void (*)(void))ns_candidates, METH_FASTCALL,
     "next_story_candidates(kept, ends, shaped, after_story, early_header, counts, marks)"},
    {"printed_twice", (PyCFunction)(void (*)(void))pt_printed_twice, METH_FASTCALL,
     "printed_twice(kept, labels, outcome, title, keep, over_story, counts, marks, copy_of) "
     "-> story.python_printed_twice(kept, labels, outcome, title)"},
    {"repeat_facts", (PyCFunction)(void (*)(void))cr_repeat_facts, METH_FASTCALL,
     "repeat_facts(kept, captions, datelines) -> (caption hits, keys distinct)"},
    {"repeat_key", cr_repeat_key, METH_O, "repeat_key(text) -> lexicon.text_key(text)"},
    {"holds_any", (PyCFunction)(void (*)(void))ha_holds_any, METH_FASTCALL,
     "holds_any(text, words) -> caption_position.python_holds_any(text, words)"},
    {"signoff_blocks", so_signoff_blocks, METH_O,
     "signoff_blocks(blocks) -> story.python_signoff_blocks(blocks)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_cfeatures",
    "The story features of a text page's blocks, compiled (see features.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__cfeatures(void)
{
    str_lower = PyUnicode_InternFromString("lower");
    str_strip = PyUnicode_InternFromString("strip");
    str_casefold = PyUnicode_InternFromString("casefold");
    str_text = PyUnicode_InternFromString("text");
    str_kind = PyUnicode_InternFromString("kind");
    str_index = PyUnicode_InternFromString("index");
    str_block = PyUnicode_InternFromString("block");
    if (!str_lower || !str_strip || !str_casefold || !str_text || !str_kind || !str_index
        || !str_block) {
        return NULL;
    }
    PyObject *created = PyModule_Create(&module);
    if (created != NULL
        && (PyModule_AddStringConstant(created, "SOURCE_HASH", SOURCE_HASH)
            || PyModule_AddStringConstant(created, "HEADLINE_HASH", HEADLINE_HASH)
            || PyModule_AddStringConstant(created, "CRF_HASH", CRF_HASH)
            || PyModule_AddStringConstant(created, "NEXT_STORY_HASH", NEXT_STORY_HASH)
            || PyModule_AddStringConstant(created, "PRINTED_TWICE_HASH", PRINTED_TWICE_HASH)
            || PyModule_AddStringConstant(created, "REPEATS_HASH", REPEATS_HASH)
            || PyModule_AddStringConstant(created, "SIGNOFF_HASH", SIGNOFF_HASH)
            || PyModule_AddStringConstant(created, "HOLDS_ANY_HASH", HOLDS_ANY_HASH)
            || PyModule_AddStringConstant(created, "BUILT_SOURCES", BUILT_SOURCES))) {
        Py_DECREF(created);
        return NULL;
    }
    return created;
}
