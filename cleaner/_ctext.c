/* A plain-text dump's blocks, compiled: the same blocks as cleaner/text_blocks.py's Python
 * python_blocks (its source of truth; tests/test_ctext.py holds the two to the same blocks),
 * each line read once in C instead of the interpreter's dozens of string operations a line.
 *
 * What it does, in python_blocks' order: the runs of non-blank lines (_runs), each run's
 * wrap width and the page's (_wrap_width, _wrapped_lines), the page's numbered lists
 * (_listed_numbers), where each run's paragraphs end (_layout, the dense cue), the paragraphs
 * joined back (_assemble, _join), their bullets, and the Block of each.
 *
 * The rare questions that need Python's tables are asked of text_blocks.py's own functions
 * (configure()): a byline word alone on its line, a month or a conjunction opening a line, a
 * wide character, an agency's sign-off; and every paragraph is normalized by the function the
 * caller hands (normalize.py's). The constants (marks, glyphs, widths) come from there too. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* text_blocks.source_hash() of the text_blocks.py (and the code of other modules it computes
 * too: cleaner.compiled_follows.TEXT_BLOCKS) this file computes the same blocks as:
 * text_blocks.py runs its own Python while its code is any other (tests/test_ctext.py). */
#define SOURCE_HASH "56e7559a36934719"

/* What the build recorded of the Python this file follows (setup.py: the digest of the files'
 * bytes and their code hash then, cleaner.code_hash.built_record): where the files are still
 * those bytes, text_blocks.py takes that hash instead of hashing the code again. */
#ifndef BUILT_SOURCES
#define BUILT_SOURCES ""
#endif

#define MAX_MARKS 32

/* _mostly_wide's answers (text_blocks._WIDE_SCRIPT, _HANGUL; configure checks them). */
enum { WIDE_SCRIPT = 1, HANGUL = 2 };

/* How a run's lines are measured (a _Measure): _BY_LEN, _BY_SEEN, _BY_COLUMNS, _BY_DOUBLE,
 * _BY_WORD_COLUMNS, _BY_WORD_DOUBLE. */
enum { BY_LEN, BY_SEEN, BY_COLUMNS, BY_DOUBLE, BY_WORD_COLUMNS, BY_WORD_DOUBLE };

/* _Measure.columns: a measure of a narrow column of wide characters. */
#define IN_COLUMNS(by) ((by) >= BY_COLUMNS)

/* _Measure.words: one of a column of Korean, whose lines end at a word. */
#define IN_WORDS(by) ((by) >= BY_WORD_COLUMNS)

static struct {
    int ready;
    PyObject *block;             /* the Block class */
    PyObject *signoff;           /* _SIGNOFF.fullmatch */
    PyObject *byline_word;       /* _byline_word(line) -> bool */
    PyObject *month_first;       /* _month_first(text) -> bool */
    PyObject *conjunction_first; /* _conjunction_first(text) -> bool */
    PyObject *wide;              /* _wide(char) -> bool */
    PyObject *mostly_wide;       /* _mostly_wide(lines) -> 0, WIDE_SCRIPT, HANGUL */
    PyObject *columns;           /* _columns(text) -> int */
    PyObject *measures[BY_WORD_DOUBLE + 1]; /* each BY_*'s _Measure (handed to column_word) */
    PyObject *column_word;       /* _column_word(line, word, measure) -> int */
    PyObject *normalize_line;    /* normalize.normalize_line */
    PyObject *normalize_printable; /* normalize.normalize_printable_line */
    PyObject *fields[4];         /* a plain Block's fields, interned; NULL: call Block */
    PyObject *para, *list;       /* "para", "list" */
    PyObject *empty_tuple;
    Py_ssize_t max_wrap, min_wrap, min_word_width, word_fill, signoff_chars, longest_byline;
    double full_share, wide_share;
    Py_UCS4 glyphs[MAX_MARKS];
    int n_glyphs;
    Py_UCS4 closing[MAX_MARKS];
    int n_closing;
    Py_UCS4 ends[MAX_MARKS];
    int n_ends;
    Py_UCS4 opening[MAX_MARKS];
    int n_opening;
} C;

static int
marks_of(PyObject *config, const char *key, Py_UCS4 *out, int *count)
{
    PyObject *value = PyDict_GetItemString(config, key); /* borrowed */
    if (value == NULL || !PyUnicode_Check(value)) {
        PyErr_Format(PyExc_KeyError, "configure: %s (a str) missing", key);
        return -1;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(value);
    if (n > MAX_MARKS) {
        PyErr_Format(PyExc_ValueError, "configure: %s holds more than %d marks", key, MAX_MARKS);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = PyUnicode_READ_CHAR(value, i);
    }
    *count = (int)n;
    return 0;
}

static int
object_of(PyObject *config, const char *key, PyObject **slot)
{
    PyObject *value = PyDict_GetItemString(config, key);
    if (value == NULL) {
        PyErr_Format(PyExc_KeyError, "configure: %s missing", key);
        return -1;
    }
    Py_INCREF(value);
    Py_XSETREF(*slot, value);
    return 0;
}

static int
size_of(PyObject *config, const char *key, Py_ssize_t *slot)
{
    PyObject *value = PyDict_GetItemString(config, key);
    if (value == NULL || !PyLong_Check(value)) {
        PyErr_Format(PyExc_KeyError, "configure: %s (an int) missing", key);
        return -1;
    }
    *slot = PyLong_AsSsize_t(value);
    return *slot == -1 && PyErr_Occurred() ? -1 : 0;
}

static PyObject *
configure(PyObject *self, PyObject *config)
{
    if (!PyDict_Check(config)) {
        PyErr_SetString(PyExc_TypeError, "configure: a dict");
        return NULL;
    }
    PyObject *share = PyDict_GetItemString(config, "full_share");
    if (share == NULL || !PyFloat_Check(share)) {
        PyErr_SetString(PyExc_KeyError, "configure: full_share (a float) missing");
        return NULL;
    }
    C.full_share = PyFloat_AS_DOUBLE(share);
    share = PyDict_GetItemString(config, "wide_share");
    if (share == NULL || !PyFloat_Check(share)) {
        PyErr_SetString(PyExc_KeyError, "configure: wide_share (a float) missing");
        return NULL;
    }
    C.wide_share = PyFloat_AS_DOUBLE(share);
    if (object_of(config, "block", &C.block) || object_of(config, "signoff", &C.signoff)
        || object_of(config, "byline_word", &C.byline_word)
        || object_of(config, "month_first", &C.month_first)
        || object_of(config, "conjunction_first", &C.conjunction_first)
        || object_of(config, "wide", &C.wide) || size_of(config, "max_wrap", &C.max_wrap)
        || size_of(config, "min_word_width", &C.min_word_width)
        || size_of(config, "word_fill", &C.word_fill)
        || object_of(config, "mostly_wide", &C.mostly_wide)
        || object_of(config, "columns", &C.columns)
        || object_of(config, "by_columns", &C.measures[BY_COLUMNS])
        || object_of(config, "by_double", &C.measures[BY_DOUBLE])
        || object_of(config, "by_word_columns", &C.measures[BY_WORD_COLUMNS])
        || object_of(config, "by_word_double", &C.measures[BY_WORD_DOUBLE])
        || object_of(config, "column_word", &C.column_word)
        || object_of(config, "normalize_line", &C.normalize_line)
        || object_of(config, "normalize_printable_line", &C.normalize_printable)
        || size_of(config, "min_wrap", &C.min_wrap)
        || size_of(config, "signoff_chars", &C.signoff_chars)
        || size_of(config, "longest_byline", &C.longest_byline)
        || marks_of(config, "glyphs", C.glyphs, &C.n_glyphs)
        || marks_of(config, "closing", C.closing, &C.n_closing)
        || marks_of(config, "ends", C.ends, &C.n_ends)
        || marks_of(config, "opening", C.opening, &C.n_opening)) {
        return NULL;
    }
    Py_ssize_t wide_script, hangul;
    if (size_of(config, "wide_script", &wide_script) || size_of(config, "hangul", &hangul)) {
        return NULL;
    }
    if (wide_script != WIDE_SCRIPT || hangul != HANGUL) {
        PyErr_SetString(PyExc_ValueError, "configure: _mostly_wide's answers are not this file's");
        return NULL;
    }
    PyObject *fields = PyDict_GetItemString(config, "plain_block_fields");
    for (int i = 0; i < 4; i++) {
        Py_CLEAR(C.fields[i]);
    }
    if (fields != NULL && fields != Py_None) {
        if (!PyTuple_Check(fields) || PyTuple_GET_SIZE(fields) != 4) {
            PyErr_SetString(PyExc_ValueError, "configure: plain_block_fields, a tuple of four");
            return NULL;
        }
        for (int i = 0; i < 4; i++) {
            PyObject *name = PyTuple_GET_ITEM(fields, i);
            if (!PyUnicode_Check(name)) {
                PyErr_SetString(PyExc_TypeError, "configure: plain_block_fields, names");
                return NULL;
            }
            Py_INCREF(name);
            PyUnicode_InternInPlace(&name);
            C.fields[i] = name;
        }
    }
    if (C.para == NULL) {
        C.para = PyUnicode_InternFromString("para");
        C.list = PyUnicode_InternFromString("list");
        C.empty_tuple = PyTuple_New(0);
        if (C.para == NULL || C.list == NULL || C.empty_tuple == NULL) {
            return NULL;
        }
    }
    C.ready = 1;
    Py_RETURN_NONE;
}

static inline int
among(Py_UCS4 ch, const Py_UCS4 *marks, int count)
{
    for (int i = 0; i < count; i++) {
        if (marks[i] == ch) {
            return 1;
        }
    }
    return 0;
}

/* A str's characters, read without the per-character checks of PyUnicode_READ_CHAR. */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t len;
} Chars;

static inline Chars
chars_of(PyObject *s)
{
    Chars c = {PyUnicode_KIND(s), PyUnicode_DATA(s), PyUnicode_GET_LENGTH(s)};
    return c;
}

#define AT(c, i) PyUnicode_READ((c).kind, (c).data, (i))

/* lexicon.ends_sentence of c[start:end]: its last character, closing marks aside, ends a
 * sentence. */
static int
ends_sentence(Chars c, Py_ssize_t start, Py_ssize_t end)
{
    while (end > start && among(AT(c, end - 1), C.closing, C.n_closing)) {
        end--;
    }
    return end > start && among(AT(c, end - 1), C.ends, C.n_ends);
}

/* _starts_sentence of c[start:end]: its first letter, opening marks aside, a capital. */
static int
starts_sentence(Chars c, Py_ssize_t start, Py_ssize_t end)
{
    while (start < end && among(AT(c, start), C.opening, C.n_opening)) {
        start++;
    }
    return start < end && Py_UNICODE_ISUPPER(AT(c, start));
}

/* What _bullet finds at the start of a text: nothing, a glyph, or a number. */
typedef struct {
    int found;
    int numbered;        /* the number's group (group(1)) matched */
    Py_ssize_t end;      /* the match's end */
    long number;         /* int(group(1)[:-1]) */
} Bullet;

/* _BULLET.match(text) of c[start:end] (``^\s*(?:--(?=\s+\S)|[glyphs]|(\d{1,3}[.)])(?=\s+\S))
 * (?:\s+|$)``, re's \s and \d), its end counted from ``start``. */
static Bullet
bullet_match(Chars c, Py_ssize_t start, Py_ssize_t end)
{
    Bullet none = {0, 0, 0, 0};
    Py_ssize_t i = start;
    while (i < end && Py_UNICODE_ISSPACE(AT(c, i))) {
        i++;
    }
    if (i >= end) {
        return none;
    }
    Py_UCS4 ch = AT(c, i);
    Py_ssize_t after;
    Bullet found = {1, 0, 0, 0};
    if (ch == '-' && i + 1 < end && AT(c, i + 1) == '-') {
        Py_ssize_t k = i + 2;
        while (k < end && Py_UNICODE_ISSPACE(AT(c, k))) {
            k++;
        }
        if (k > i + 2 && k < end) {
            after = i + 2; /* then spaces, which the look-ahead saw */
            goto tail;
        }
    }
    if (among(ch, C.glyphs, C.n_glyphs)) {
        after = i + 1;
        goto tail;
    }
    {
        Py_ssize_t d = i;
        long number = 0;
        while (d < end && d - i < 3 && Py_UNICODE_ISDECIMAL(AT(c, d))) {
            number = number * 10 + Py_UNICODE_TODECIMAL(AT(c, d));
            d++;
        }
        if (d == i || d >= end || (AT(c, d) != '.' && AT(c, d) != ')')) {
            return none;
        }
        Py_ssize_t k = d + 1;
        while (k < end && Py_UNICODE_ISSPACE(AT(c, k))) {
            k++;
        }
        if (!(k > d + 1 && k < end)) {
            return none;
        }
        found.numbered = 1;
        found.number = number;
        after = d + 1;
    }
tail: /* (?:\s+|$) */
    {
        Py_ssize_t k = after;
        while (k < end && Py_UNICODE_ISSPACE(AT(c, k))) {
            k++;
        }
        if (k == after && after != end) {
            /* a glyph followed by text: the regex tries the other alternatives and shorter
             * runs of leading spaces, none of which can start with a glyph or a space */
            return none;
        }
        found.end = k - start;
    }
    return found;
}

/* _bullet(text) of the str ``s`` (c its characters, all of them): the match, unless the text
 * is an agency's sign-off line ('- AP'). -1 on an error. */
static int
bullet_of(PyObject *s, Chars c, Bullet *out)
{
    Bullet none = {0, 0, 0, 0};
    *out = none;
    if (c.len == 0) {
        return 0;
    }
    Py_UCS4 first = AT(c, 0);
    if (!(among(first, C.glyphs, C.n_glyphs) || Py_UNICODE_ISDIGIT(first)
          || Py_UNICODE_ISSPACE(first))) {
        return 0;
    }
    Bullet found = bullet_match(c, 0, c.len);
    if (found.found && (first == '-' || first == ' ') && c.len <= C.signoff_chars) {
        PyObject *signed_off = PyObject_CallOneArg(C.signoff, s);
        if (signed_off == NULL) {
            return -1;
        }
        int is_signoff = signed_off != Py_None;
        Py_DECREF(signed_off);
        if (is_signoff) {
            return 0;
        }
    }
    *out = found;
    return 0;
}

/* A Python predicate of one str: 1, 0, or -1 on an error. */
static int
ask(PyObject *predicate, PyObject *arg)
{
    PyObject *answer = PyObject_CallOneArg(predicate, arg);
    if (answer == NULL) {
        return -1;
    }
    int truth = PyObject_IsTrue(answer);
    Py_DECREF(answer);
    return truth;
}

/* One non-blank line of the dump, as _runs gives it (tabs expanded, right end stripped). */
typedef struct {
    PyObject *raw;      /* the line */
    PyObject *stripped; /* raw.lstrip() */
    Chars c;            /* raw's characters */
    Py_ssize_t indent;  /* len(raw) - len(stripped) */
    Py_ssize_t seen;    /* _visible_len(raw) */
    Py_ssize_t cols;    /* _columns(raw), set for the runs column_layouts measures */
    Py_ssize_t number;  /* its input line's index (text.split("\n")) */
} Line;

/* A line's length as ``size`` measures it. */
#define SIZE(line, by)                                                                         \
    ((by) == BY_LEN                                   ? (line)->c.len                          \
     : (by) == BY_SEEN                                ? (line)->seen                           \
     : (by) == BY_COLUMNS || (by) == BY_WORD_COLUMNS ? (line)->cols                           \
                                                      : 2 * (line)->c.len - (line)->indent)

/* normalize.py's _INVISIBLE, the one list of it here: the C0 controls but the tab and line ends,
 * and above them these ranges of code points, each X(TYPE, ch, first, count): DEL, the soft
 * hyphen, the zero-width characters and direction marks (U+200B-U+200F), the word joiner, the
 * BOM. invisible() and odd_characters() below are both made of it. */
#define INVISIBLE_ABOVE_C0(X, TYPE, ch)                                                        \
    X(TYPE, ch, 0x7f, 1) X(TYPE, ch, 0xad, 1) X(TYPE, ch, 0x200b, 5) X(TYPE, ch, 0x2060, 1)    \
    X(TYPE, ch, 0xfeff, 1)

/* "| ch is in [first, first + count)", ch a TYPE, without a branch (vectorized by the type's
 * width): a range above the type's largest code point is none of its characters (a constant 0,
 * which the compiler drops), and a wrapped difference is counted in TYPE as the ranges fit it. */
#define OR_IN_RANGE(TYPE, ch, first, count)                                                    \
    | (((first) <= (TYPE)-1) & ((TYPE)((ch) - (first)) < (count)))

/* Whether ch is one of normalize.py's _INVISIBLE. */
static inline int
invisible(Py_UCS4 ch)
{
    if (ch < 0x20) {
        return ch != '\t' && ch != '\n' && ch != '\r';
    }
    return 0 INVISIBLE_ABOVE_C0(OR_IN_RANGE, Py_UCS4, ch);
}

typedef struct {
    Py_ssize_t first; /* index of its first line in the Line array */
    Py_ssize_t count;
    Py_ssize_t width;  /* _wrap_width: 0 for None */
    int narrow;        /* no width counted in characters, its own or the page's */
} Run;

typedef struct {
    Line *lines;
    Py_ssize_t n_lines, cap_lines;
    Run *runs;
    Py_ssize_t n_runs, cap_runs;
    int invisible; /* some line holds an invisible character */
} Dump;

static void
dump_free(Dump *d)
{
    for (Py_ssize_t i = 0; i < d->n_lines; i++) {
        Py_XDECREF(d->lines[i].raw);
        Py_XDECREF(d->lines[i].stripped);
    }
    PyMem_Free(d->lines);
    PyMem_Free(d->runs);
}

static int
grow(void **array, Py_ssize_t *cap, Py_ssize_t need, size_t size)
{
    if (need <= *cap) {
        return 0;
    }
    Py_ssize_t cap2 = *cap ? *cap * 2 : 64;
    while (cap2 < need) {
        cap2 *= 2;
    }
    void *grown = PyMem_Realloc(*array, (size_t)cap2 * size);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *array = grown;
    *cap = cap2;
    return 0;
}

/* Whether c[start:end], a line (no '\n' or '\r' in it), holds a tab or an invisible character:
 * a C0 control (the tab among them) or one of invisible()'s above them. Most lines of most pages
 * hold neither, and add_line then spares testing each character for each: this loop has no
 * branch and is vectorized (by width: a Latin-1 string holds none but DEL and the soft hyphen
 * above the controls). */
#define ODD_CHARACTERS(TYPE)                                                                   \
    do {                                                                                       \
        const TYPE *s = (const TYPE *)c.data;                                                  \
        int odd = 0;                                                                           \
        for (Py_ssize_t i = start; i < end; i++) {                                             \
            TYPE ch = s[i];                                                                    \
            odd |= (ch < 0x20) INVISIBLE_ABOVE_C0(OR_IN_RANGE, TYPE, ch);                      \
        }                                                                                      \
        return odd;                                                                            \
    } while (0)

#ifdef __SSE2__
/* "odd |= the lanes of v (BITS wide) in [first, first + count)": equal to first, or v - first,
 * unsigned, less than count (a saturated subtraction of count - 1 leaves 0); a range above the
 * lanes' largest code point is none of them (constant tests, which the compiler drops). */
#define ODD_LANES(BITS, v, first, count)                                                       \
    if ((first) < (1 << BITS) && (count) == 1) {                                               \
        __m128i at = _mm_set1_epi##BITS((first) & ((1 << BITS) - 1));                          \
        odd = _mm_or_si128(odd, _mm_cmpeq_epi##BITS(v, at));                                   \
    } else if ((first) < (1 << BITS)) {                                                        \
        __m128i from = _mm_sub_epi##BITS(v, _mm_set1_epi##BITS((first) & ((1 << BITS) - 1)));  \
        __m128i past = _mm_subs_epu##BITS(from, _mm_set1_epi##BITS((count) - 1));              \
        odd = _mm_or_si128(odd, _mm_cmpeq_epi##BITS(past, zero));                              \
    }
#endif

static int
odd_characters(Chars c, Py_ssize_t start, Py_ssize_t end)
{
#ifdef __SSE2__
    const __m128i zero = _mm_setzero_si128();
#endif
    switch (c.kind) {
    case PyUnicode_1BYTE_KIND:
#ifdef __SSE2__
        /* sixteen characters a step while none is odd (ODD_LANES; the loop below tests the
         * rest and the step that holds one) */
        for (const Py_UCS1 *p = (const Py_UCS1 *)c.data; start + 16 <= end; start += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(p + start));
            __m128i odd = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xE0)), zero);
            INVISIBLE_ABOVE_C0(ODD_LANES, 8, v);
            if (_mm_movemask_epi8(odd)) {
                break;
            }
        }
#endif
        ODD_CHARACTERS(Py_UCS1);
    case PyUnicode_2BYTE_KIND:
#ifdef __SSE2__
        /* eight characters a step, as above (the loop alone, vectorized by the compiler, cost
         * about 4 instructions a character of the seeds' text, which is of this kind; this
         * about 2.4) */
        for (const Py_UCS2 *p = (const Py_UCS2 *)c.data; start + 8 <= end; start += 8) {
            __m128i v = _mm_loadu_si128((const __m128i *)(p + start));
            __m128i odd =
                _mm_cmpeq_epi16(_mm_and_si128(v, _mm_set1_epi16((short)0xFFE0)), zero);
            INVISIBLE_ABOVE_C0(ODD_LANES, 16, v);
            if (_mm_movemask_epi8(odd)) {
                break;
            }
        }
#endif
        ODD_CHARACTERS(Py_UCS2);
    default:
        ODD_CHARACTERS(Py_UCS4);
    }
}

/* Add text[start:end], a line (no line break in it), to the dump: tabs expanded and right end
 * stripped; a blank line ends the run before it. */
static int
add_line(Dump *d, PyObject *text, Chars t, Py_ssize_t start, Py_ssize_t end, Py_ssize_t number,
         int *in_run)
{
    int tab = 0;
    Py_ssize_t hidden = 0;
    while (end > start && Py_UNICODE_ISSPACE(AT(t, end - 1))) {
        end--; /* rstrip (of the expanded line: the same non-space end) */
    }
    if (end == start) {
        *in_run = 0;
        return 0;
    }
    if (odd_characters(t, start, end)) {
        for (Py_ssize_t i = start; i < end; i++) {
            Py_UCS4 ch = AT(t, i);
            tab |= ch == '\t';
            hidden += invisible(ch); /* a tab is not one: expanding it adds none */
        }
    }
    PyObject *raw = PyUnicode_Substring(text, start, end);
    if (raw == NULL) {
        return -1;
    }
    if (tab) {
        PyObject *expanded = PyObject_CallMethod(raw, "expandtabs", "i", 4);
        Py_DECREF(raw);
        if (expanded == NULL) {
            return -1;
        }
        raw = expanded;
    }
    if (grow((void **)&d->lines, &d->cap_lines, d->n_lines + 1, sizeof(Line))) {
        Py_DECREF(raw);
        return -1;
    }
    Line *line = &d->lines[d->n_lines++];
    line->raw = raw;
    line->stripped = NULL;
    line->c = chars_of(raw);
    line->seen = line->c.len - hidden;
    line->number = number;
    d->invisible |= hidden > 0;
    Py_ssize_t indent = 0;
    while (indent < line->c.len && Py_UNICODE_ISSPACE(AT(line->c, indent))) {
        indent++;
    }
    line->indent = indent;
    if (indent == 0) {
        Py_INCREF(raw);
        line->stripped = raw;
    }
    else {
        line->stripped = PyUnicode_Substring(raw, indent, line->c.len);
        if (line->stripped == NULL) {
            return -1;
        }
    }
    if (!*in_run) {
        if (grow((void **)&d->runs, &d->cap_runs, d->n_runs + 1, sizeof(Run))) {
            return -1;
        }
        Run run = {d->n_lines - 1, 0, 0, 0};
        d->runs[d->n_runs++] = run;
        *in_run = 1;
    }
    d->runs[d->n_runs - 1].count++;
    return 0;
}

/* The index of the first of '\n', '\r', U+2028 and U+2029 in t from ``i`` on (t.len where
 * there is none): where SSE2 is at hand, the one- and two-byte kinds skip blocks of 16 and 8
 * characters that hold none (count_instructions.py --stage full, 5.75 -> 5.67 million
 * instructions a seed document: the seeds' text is of the two-byte kind), then a loop of the
 * string's own kind, most characters (those between '\r' and U+2028) told by one compare (the
 * loop through AT, its kind switch and a compare more for the separators, cost 0.02 million
 * instructions a seed document, the blocks stage 1.16 -> 1.18 at main 4df6737). */
static Py_ssize_t
next_line_end(Chars t, Py_ssize_t i)
{
#define SCAN(TYPE, SEPARATORS)                                                                   \
    do {                                                                                         \
        const TYPE *p = (const TYPE *)t.data;                                                    \
        for (; i < t.len; i++) {                                                                 \
            Py_UCS4 ch = p[i];                                                                   \
            if (ch - 0x0E < 0x2028 - 0x0E) {                                                     \
                continue;                                                                        \
            }                                                                                    \
            if (ch == '\n' || ch == '\r' || (SEPARATORS && (ch | 1) == 0x2029)) {                 \
                return i;                                                                        \
            }                                                                                    \
        }                                                                                        \
        return i;                                                                                \
    } while (0)
    switch (t.kind) {
    case PyUnicode_1BYTE_KIND:
#ifdef __SSE2__
        /* sixteen characters a step while none of them is '\n' or '\r' */
        for (const Py_UCS1 *p = (const Py_UCS1 *)t.data; i + 16 <= t.len; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
            __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
            if (_mm_movemask_epi8(hit)) {
                break;
            }
        }
#endif
        SCAN(Py_UCS1, 0);
    case PyUnicode_2BYTE_KIND:
#ifdef __SSE2__
        /* eight characters a step while none of them is '\n', '\r', U+2028 or U+2029 */
        for (const Py_UCS2 *p = (const Py_UCS2 *)t.data; i + 8 <= t.len; i += 8) {
            __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
            __m128i hit = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi16(v, _mm_set1_epi16('\n')),
                             _mm_cmpeq_epi16(v, _mm_set1_epi16('\r'))),
                _mm_cmpeq_epi16(_mm_or_si128(v, _mm_set1_epi16(1)), _mm_set1_epi16(0x2029)));
            if (_mm_movemask_epi8(hit)) {
                break;
            }
        }
#endif
        SCAN(Py_UCS2, 1);
    default:
        SCAN(Py_UCS4, 1);
    }
#undef SCAN
}

/* _runs: the dump's lines ('\r\n', '\r' and '\n' end one, and so do U+2028 and U+2029 within
 * an input line), in runs of non-blank ones (U+2029 ends one, as a blank line does). */
static int
read_runs(Dump *d, PyObject *text)
{
    Chars t = chars_of(text);
    Py_ssize_t start = 0, number = 0;
    int in_run = 0;
    for (Py_ssize_t i = next_line_end(t, 0); i < t.len; i = next_line_end(t, i + 1)) {
        Py_UCS4 ch = AT(t, i);
        if (add_line(d, text, t, start, i, number, &in_run)) {
            return -1;
        }
        if (ch == 0x2029) {
            in_run = 0;
        }
        else if (ch != 0x2028) {
            number++;
            if (ch == '\r' && i + 1 < t.len && AT(t, i + 1) == '\n') {
                i++;
            }
        }
        start = i + 1;
    }
    return add_line(d, text, t, start, t.len, number, &in_run);
}

/* _wrap_width of the lines ``lines[i]`` for i in ``which`` (count of them), measured by SIZE
 * (IN_WORDS: Korean, _WORD_FILL and _MIN_WORD_WIDTH): 0 for None. */
static Py_ssize_t
wrap_width(Line *lines, const Py_ssize_t *which, Py_ssize_t count, int seen)
{
    if (count < 2) {
        return 0;
    }
    int words = IN_WORDS(seen);
    Py_ssize_t width = 0, text_width = 0, full = 0;
    for (Py_ssize_t n = 0; n < count; n++) {
        Line *line = &lines[which[n]];
        Py_ssize_t size = SIZE(line, seen);
        if (size <= C.max_wrap) {
            if (size > width) {
                width = size;
            }
            if (size - line->indent > text_width) {
                text_width = size - line->indent;
            }
        }
    }
    for (Py_ssize_t n = 0; n < count; n++) {
        Line *line = &lines[which[n]];
        Py_ssize_t size = SIZE(line, seen);
        if (size <= C.max_wrap && (double)size >= C.full_share * (double)width) {
            full++;
        }
    }
    if (IN_COLUMNS(seen)) { /* the widest line alone is no column's */
        Py_ssize_t filled = 0;
        for (Py_ssize_t n = 0; n < count; n++) {
            Py_ssize_t size = SIZE(&lines[which[n]], seen);
            filled += size <= C.max_wrap && size >= width - (words ? C.word_fill : 2);
        }
        if (filled < 2) {
            return 0;
        }
    }
    if (words) { /* Korean: narrower than 40 characters, and a sentence ends in it */
        if (width >= 2 * C.min_wrap) {
            return 0;
        }
        int ends = 0;
        for (Py_ssize_t n = 0; n < count && !ends; n++) {
            Line *line = &lines[which[n]];
            ends = ends_sentence(line->c, 0, line->c.len);
        }
        if (!ends) {
            return 0;
        }
    }
    return text_width >= (words ? C.min_word_width : C.min_wrap) && full >= 2 ? width : 0;
}

/* The page's numbered lines' numbers that come in a sequence (_listed_numbers). */
static int
listed_numbers(Dump *d, char *listed /* [1001] */)
{
    char numbers[1002] = {0};
    for (Py_ssize_t i = 0; i < d->n_lines; i++) {
        Bullet b;
        if (bullet_of(d->lines[i].raw, d->lines[i].c, &b)) {
            return -1;
        }
        if (b.found && b.numbered) {
            numbers[b.number] = 1;
        }
    }
    for (int n = 0; n <= 999; n++) {
        listed[n] = numbers[n] && ((n > 0 && numbers[n - 1]) || numbers[n + 1]);
    }
    return 0;
}

/* _same_column(line, nxt). */
static int
same_column(Line *line, Line *nxt)
{
    Py_ssize_t gap = nxt->indent - line->indent;
    if (gap <= 1 && gap >= -1) {
        return 1;
    }
    Bullet b;
    if (bullet_of(line->raw, line->c, &b)) {
        return -1;
    }
    return b.found && nxt->indent == b.end;
}

/* _wrapped(line, nxt, width, listed, measure). */
static int
wrapped(Line *line, Line *nxt, Py_ssize_t width, const char *listed, int seen)
{
    Bullet b;
    if (bullet_of(nxt->raw, nxt->c, &b)) {
        return -1;
    }
    if (b.found) {
        /* _continues: a number no list of the page has, and no month after it */
        if (!b.numbered || listed[b.number]) {
            return 0;
        }
        PyObject *rest = PyUnicode_Substring(nxt->raw, b.end, nxt->c.len);
        if (rest == NULL) {
            return -1;
        }
        int month = ask(C.month_first, rest);
        Py_DECREF(rest);
        if (month) {
            return month < 0 ? -1 : 0;
        }
    }
    Py_ssize_t word = 0, end = nxt->indent;
    while (end < nxt->c.len && !Py_UNICODE_ISSPACE(AT(nxt->c, end))) {
        word += seen != BY_SEEN || !invisible(AT(nxt->c, end));
        end++;
    }
    if (IN_COLUMNS(seen)) { /* _column_word */
        PyObject *first = PyUnicode_Substring(nxt->raw, nxt->indent, end);
        if (first == NULL) {
            return -1;
        }
        PyObject *answer = PyObject_CallFunctionObjArgs(
            C.column_word, line->raw, first, C.measures[seen], NULL);
        Py_DECREF(first);
        if (answer == NULL) {
            return -1;
        }
        Py_ssize_t columns = PyLong_AsSsize_t(answer);
        Py_DECREF(answer);
        if (columns == -1 && PyErr_Occurred()) {
            return -1;
        }
        return SIZE(line, seen) + columns > width;
    }
    return SIZE(line, seen) + 1 + word > width;
}

/* _runs_on(cur.lstrip(), nxt.lstrip()). */
static int
runs_on(Line *cur, Line *nxt)
{
    if (!Py_UNICODE_ISALPHA(AT(cur->c, cur->c.len - 1))
        || !Py_UNICODE_ISLOWER(AT(nxt->c, nxt->indent))) {
        return 0;
    }
    Bullet b;
    if (bullet_of(nxt->stripped, chars_of(nxt->stripped), &b)) {
        return -1;
    }
    return !b.found;
}

/* _byline_word(line) of a stripped line. */
static int
byline_word(Line *line)
{
    Py_ssize_t len = line->c.len - line->indent;
    if (len > C.longest_byline && AT(line->c, line->c.len - 1) != ':') {
        return 0;
    }
    return ask(C.byline_word, line->stripped);
}

/* _layout's breaks for run ``r`` (breaks[i]: a paragraph ends after its line i). */
static int
layout(Dump *d, Run *r, Py_ssize_t width, const char *listed, char *breaks, int seen)
{
    Line *lines = &d->lines[r->first];
    for (Py_ssize_t i = 0; i + 1 < r->count; i++) {
        Line *cur = &lines[i], *nxt = &lines[i + 1];
        int joined;
        if (width == 0) {
            joined = runs_on(cur, nxt);
            if (joined > 0) {
                joined = same_column(cur, nxt);
            }
        }
        else {
            joined = SIZE(cur, seen) <= C.max_wrap && SIZE(nxt, seen) <= C.max_wrap;
            if (joined) {
                joined = wrapped(cur, nxt, width, listed, seen);
            }
            if (joined > 0) {
                joined = same_column(cur, nxt);
            }
        }
        if (joined < 0) {
            return -1;
        }
        int brk = !joined;
        if (brk) {
            int word = byline_word(cur);
            if (word < 0) {
                return -1;
            }
            brk = !word;
        }
        breaks[i] = (char)brk;
    }
    return 0;
}

/* _join(left, right). */
static PyObject *
join(PyObject *left, PyObject *right)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(left), m = PyUnicode_GET_LENGTH(right);
    Py_UCS4 last = n ? PyUnicode_READ_CHAR(left, n - 1) : 0;
    Py_UCS4 first = m ? PyUnicode_READ_CHAR(right, 0) : 0;
    if (last == '-' && n > 1 && Py_UNICODE_ISALPHA(PyUnicode_READ_CHAR(left, n - 2)) && m
        && Py_UNICODE_ISALPHA(first)) {
        int conjunction = ask(C.conjunction_first, right);
        if (conjunction < 0) {
            return NULL;
        }
        if (!conjunction) {
            return PyUnicode_Concat(left, right);
        }
    }
    if (n && m && last > 127 && first > 127) {
        PyObject *a = PyUnicode_Substring(left, n - 1, n);
        if (a == NULL) {
            return NULL;
        }
        int wide = ask(C.wide, a);
        Py_DECREF(a);
        if (wide > 0) {
            PyObject *b = PyUnicode_Substring(right, 0, 1);
            if (b == NULL) {
                return NULL;
            }
            wide = ask(C.wide, b);
            Py_DECREF(b);
        }
        if (wide < 0) {
            return NULL;
        }
        if (wide) {
            return PyUnicode_Concat(left, right);
        }
    }
    PyObject *spaced = PyUnicode_New(n + 1 + m, Py_MAX(PyUnicode_MAX_CHAR_VALUE(left),
                                                       PyUnicode_MAX_CHAR_VALUE(right)));
    if (spaced == NULL) {
        return NULL;
    }
    PyUnicode_CopyCharacters(spaced, 0, left, 0, n);
    PyUnicode_WRITE(PyUnicode_KIND(spaced), PyUnicode_DATA(spaced), n, ' ');
    PyUnicode_CopyCharacters(spaced, n + 1, right, 0, m);
    return spaced;
}

/* normalize_line / normalize_printable_line of an ASCII text (normalize.py): the controls
 * strip_invisible removes gone (normalize_line, for a text that is not printable), tabs as
 * spaces, runs of spaces as one, whitespace stripped from both ends (collapse_spaces). */
static PyObject *
normalize_ascii(PyObject *text, int strip_controls)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const Py_UCS1 *in = PyUnicode_1BYTE_DATA(text);
    int plain = 1; /* no character but printable ones, no double space, no space at an end */
    Py_ssize_t i = 0;
#ifdef __SSE2__
    /* sixteen characters a step while none is a control, DEL or a space after a space: from
     * the second (the one before each is read too; the first is printable and no space) to
     * before the last (a space there is not plain); the loop below tests the rest and the step
     * that holds one, as before (its test a character cost about 7 instructions) */
    if (in[0] > ' ' && in[0] != 0x7f) {
        const __m128i controls = _mm_set1_epi8((char)0xE0), space = _mm_set1_epi8(' ');
        for (i = 1; i + 16 < n; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(in + i));
            __m128i before = _mm_loadu_si128((const __m128i *)(in + i - 1));
            __m128i odd = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(_mm_and_si128(v, controls), _mm_setzero_si128()),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f))),
                _mm_and_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(before, space)));
            if (_mm_movemask_epi8(odd)) {
                break;
            }
        }
    }
#endif
    for (; i < n; i++) {
        Py_UCS1 ch = in[i];
        if (ch < 0x20 || ch == 0x7f || (ch == ' ' && (i == 0 || i == n - 1 || in[i - 1] == ' '))) {
            plain = 0;
            break;
        }
    }
    if (plain) {
        return Py_NewRef(text);
    }
    Py_UCS1 *out = PyMem_Malloc((size_t)n + 1);
    if (out == NULL) {
        return PyErr_NoMemory();
    }
    Py_ssize_t m = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS1 ch = in[i];
        if (strip_controls
            && (ch < 9 || ch == 11 || ch == 12 || (ch >= 14 && ch < 32) || ch == 127)) {
            continue;
        }
        if (ch == '\t') {
            ch = ' ';
        }
        if (ch == ' ' && m > 0 && out[m - 1] == ' ') {
            continue;
        }
        out[m++] = ch;
    }
    Py_ssize_t start = 0;
    while (start < m && Py_UNICODE_ISSPACE(out[start])) {
        start++;
    }
    while (m > start && Py_UNICODE_ISSPACE(out[m - 1])) {
        m--;
    }
    PyObject *result = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, out + start, m - start);
    PyMem_Free(out);
    return result;
}

/* Whether ch, outside ASCII, is one of the characters plain_wide lets through: printable
 * (str.isprintable), not a space, a starter (combining class 0) that is its own NFC and is no
 * second of a canonical composition (NFC_Quick_Check Yes): Latin-1's letters and signs (not
 * NBSP, not the soft hyphen), Latin Extended, the IPA and spacing modifier letters (U+00A1 -
 * U+02FF), the general punctuation's dashes, quotes, bullets and ellipsis (U+2010 - U+2027,
 * U+2030 - U+205E) and the currency signs (U+20A0 - U+20C0). tests/test_ctext.py holds each
 * of them, and the code points around them, to normalize.py's normalization. */
static inline int
plain_wide_char(Py_UCS4 ch)
{
    return (ch >= 0xa1 && ch <= 0x2ff && ch != 0xad) || (ch >= 0x2010 && ch <= 0x2027)
           || (ch >= 0x2030 && ch <= 0x205e) || (ch >= 0x20a0 && ch <= 0x20c0);
}

/* Whether normalize.py's _normalize_wide gives a text outside ASCII back as it is, by one scan
 * in place of its calls (unicodedata.is_normalized, isprintable, the double-space test,
 * strip): every character printable ASCII or plain_wide_char's (a text of them is in NFC, as
 * the quick check finds), no double space, no space at either end. */
static int
plain_wide(PyObject *text)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_4BYTE_KIND || n == 0) {
        return 0; /* past the two-byte kind: none of plain_wide_char's */
    }
    Py_UCS4 before = ' '; /* a space at the start is not plain */
    Py_ssize_t i = 0;
#ifdef __SSE2__
    /* eight characters a step (the two-byte kind's) while each is printable ASCII or one of
     * U+2010 - U+2027 (dashes, curly quotes: plain_wide_char's) and none a space after a space:
     * from the second (the one before each is read too; the first is such a character and no
     * space) to before the last; the loop below tests the rest and the step that holds another
     * character, as before (its test a character cost about 8 instructions) */
    const Py_UCS2 *wide = (const Py_UCS2 *)data;
    if (kind == PyUnicode_2BYTE_KIND
        && ((wide[0] > ' ' && wide[0] < 0x7f) || (wide[0] >= 0x2010 && wide[0] <= 0x2027))) {
        const __m128i space = _mm_set1_epi16(' '), zero = _mm_setzero_si128();
        for (i = 1; i + 8 < n; i += 8) {
            __m128i v = _mm_loadu_si128((const __m128i *)(wide + i));
            __m128i last = _mm_loadu_si128((const __m128i *)(wide + i - 1));
            /* v - first, unsigned, at most the range's size less one: within it */
            __m128i ascii = _mm_cmpeq_epi16(
                _mm_subs_epu16(_mm_sub_epi16(v, space), _mm_set1_epi16(0x7e - ' ')), zero);
            __m128i marks = _mm_cmpeq_epi16(
                _mm_subs_epu16(_mm_sub_epi16(v, _mm_set1_epi16(0x2010)),
                               _mm_set1_epi16(0x2027 - 0x2010)),
                zero);
            __m128i doubled = _mm_and_si128(_mm_cmpeq_epi16(v, space),
                                            _mm_cmpeq_epi16(last, space));
            if (_mm_movemask_epi8(_mm_andnot_si128(doubled, _mm_or_si128(ascii, marks)))
                != 0xFFFF) {
                break;
            }
        }
        before = wide[i - 1];
    }
#endif
    for (; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch < 0x80) {
            if (ch < 0x20 || ch == 0x7f || (ch == ' ' && before == ' ')) {
                return 0;
            }
        } else if (!plain_wide_char(ch)) {
            return 0;
        }
        before = ch;
    }
    return before != ' ';
}

/* normalize(text), ASCII text done here when normalize is one of normalize.py's two, and a
 * text outside ASCII that either gives back unchanged (plain_wide). */
static PyObject *
normalized(PyObject *normalize, PyObject *text)
{
    if (normalize == C.normalize_printable || normalize == C.normalize_line) {
        if (PyUnicode_IS_ASCII(text)) {
            return normalize_ascii(text, normalize == C.normalize_line);
        }
        if (plain_wide(text)) {
            return Py_NewRef(text);
        }
    }
    return PyObject_CallOneArg(normalize, text);
}

/* Block(text, kind, parts, lines): its fields set as the dataclass's __init__ sets them
 * (object.__setattr__) when that is all it does (plain_block_fields), else by calling it. */
static PyObject *
make_block(PyObject *const *args)
{
    if (C.fields[0] == NULL) {
        return PyObject_Vectorcall(C.block, args, 4, NULL);
    }
    PyTypeObject *type = (PyTypeObject *)C.block;
    PyObject *block = type->tp_alloc(type, 0);
    if (block == NULL) {
        return NULL;
    }
    for (int i = 0; i < 4; i++) {
        if (PyObject_GenericSetAttr(block, C.fields[i], args[i]) < 0) {
            Py_DECREF(block);
            return NULL;
        }
    }
    return block;
}

/* The Block of one paragraph (its pieces and the input lines it spans), appended to
 * ``blocks`` unless it normalizes to nothing. Steals ``paragraph`` and ``pieces``. */
static int
add_block(PyObject *blocks, PyObject *paragraph, PyObject *pieces, Py_ssize_t first,
          Py_ssize_t end, PyObject *normalize)
{
    int ok = -1;
    PyObject *line = NULL, *parts = NULL, *span = NULL, *block = NULL;
    Bullet b;
    if (bullet_of(paragraph, chars_of(paragraph), &b)) {
        goto done;
    }
    if (b.found && !b.numbered) {
        PyObject *rest =
            PyUnicode_Substring(paragraph, b.end, PyUnicode_GET_LENGTH(paragraph));
        if (rest == NULL) {
            goto done;
        }
        Py_SETREF(paragraph, rest);
        Py_SETREF(pieces, Py_NewRef(C.empty_tuple));
    }
    line = normalized(normalize, paragraph);
    if (line == NULL) {
        goto done;
    }
    if (!PyUnicode_Check(line)) {
        PyErr_SetString(PyExc_TypeError, "normalize gave no str");
        goto done;
    }
    if (PyUnicode_GET_LENGTH(line) == 0) {
        ok = 0;
        goto done;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(pieces);
    parts = PyList_New(0);
    if (parts == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *part = normalized(normalize, PyTuple_GET_ITEM(pieces, i));
        if (part == NULL) {
            goto done;
        }
        int appended = PyUnicode_Check(part) && PyUnicode_GET_LENGTH(part) == 0
                           ? 0
                           : PyList_Append(parts, part);
        Py_DECREF(part);
        if (appended) {
            goto done;
        }
    }
    PyObject *kept = C.empty_tuple;
    Py_INCREF(kept);
    if (PyList_GET_SIZE(parts)) {
        PyObject *space = PyUnicode_FromOrdinal(' ');
        PyObject *joined = space ? PyUnicode_Join(space, parts) : NULL;
        Py_XDECREF(space);
        if (joined == NULL) {
            Py_DECREF(kept);
            goto done;
        }
        int same = PyUnicode_Compare(joined, line) == 0;
        Py_DECREF(joined);
        if (same) {
            Py_SETREF(kept, PyList_AsTuple(parts));
            if (kept == NULL) {
                goto done;
            }
        }
    }
    Py_SETREF(parts, kept);
    span = Py_BuildValue("(nn)", first, end);
    if (span == NULL) {
        goto done;
    }
    PyObject *args[4] = {line, b.found ? C.list : C.para, parts, span};
    block = make_block(args);
    if (block == NULL) {
        goto done;
    }
    ok = PyList_Append(blocks, block);
done:
    Py_XDECREF(paragraph);
    Py_XDECREF(pieces);
    Py_XDECREF(line);
    Py_XDECREF(parts);
    Py_XDECREF(span);
    Py_XDECREF(block);
    return ok;
}

/* " ".join(pieces) and pieces as a tuple when there are two or more (else ()): _paragraph. */
static int
paragraph_of(PyObject *pieces, PyObject **paragraph, PyObject **parts)
{
    Py_ssize_t n = PyList_GET_SIZE(pieces);
    if (n == 1) {
        *paragraph = Py_NewRef(PyList_GET_ITEM(pieces, 0));
        *parts = Py_NewRef(C.empty_tuple);
        return 0;
    }
    PyObject *space = PyUnicode_FromOrdinal(' ');
    if (space == NULL) {
        return -1;
    }
    *paragraph = PyUnicode_Join(space, pieces);
    Py_DECREF(space);
    if (*paragraph == NULL) {
        return -1;
    }
    *parts = PyList_AsTuple(pieces);
    if (*parts == NULL) {
        Py_CLEAR(*paragraph);
        return -1;
    }
    return 0;
}

/* _assemble of run ``r`` with its ``breaks``, each paragraph's Block added to ``blocks``. */
static int
assemble(Dump *d, Run *r, const char *breaks, PyObject *blocks, PyObject *normalize)
{
    Line *lines = &d->lines[r->first];
    Py_ssize_t from = 0; /* the paragraph's first line in the run */
    PyObject *pieces = PyList_New(1);
    if (pieces == NULL) {
        return -1;
    }
    PyList_SET_ITEM(pieces, 0, Py_NewRef(lines[0].stripped));
    for (Py_ssize_t i = 0; i + 1 < r->count; i++) {
        Line *prev = &lines[i], *nxt = &lines[i + 1];
        if (breaks[i]) {
            PyObject *paragraph, *parts;
            int failed = paragraph_of(pieces, &paragraph, &parts);
            Py_DECREF(pieces);
            if (failed
                || add_block(blocks, paragraph, parts, lines[from].number, prev->number + 1,
                             normalize)) {
                return -1;
            }
            from = i + 1;
            pieces = PyList_New(1);
            if (pieces == NULL) {
                return -1;
            }
            PyList_SET_ITEM(pieces, 0, Py_NewRef(nxt->stripped));
            continue;
        }
        if (ends_sentence(prev->c, prev->indent, prev->c.len)
            && starts_sentence(nxt->c, nxt->indent, nxt->c.len)) {
            if (PyList_Append(pieces, nxt->stripped)) {
                Py_DECREF(pieces);
                return -1;
            }
        }
        else {
            Py_ssize_t last = PyList_GET_SIZE(pieces) - 1;
            PyObject *joined = join(PyList_GET_ITEM(pieces, last), nxt->stripped);
            if (joined == NULL) {
                Py_DECREF(pieces);
                return -1;
            }
            PyList_SetItem(pieces, last, joined); /* steals joined, drops the old piece */
        }
    }
    PyObject *paragraph, *parts;
    int failed = paragraph_of(pieces, &paragraph, &parts);
    Py_DECREF(pieces);
    return failed ? -1
                  : add_block(blocks, paragraph, parts, lines[from].number,
                              lines[r->count - 1].number + 1, normalize);
}

/* _widths(runs, size, paired) of the runs ``chosen`` (n of them; NULL: all of the dump's):
 * each one's wrap width, its own or the page's (where ``paired``, to a run of two lines only;
 * where IN_WORDS too, to none), into widths[k] (0 for None); lines measured by SIZE.
 * ``which`` is scratch room for n_lines indices. */
static void
run_widths(Dump *d, const Py_ssize_t *chosen, Py_ssize_t n, Py_ssize_t *which, int seen,
           int paired, Py_ssize_t *widths)
{
    Py_ssize_t page_width = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        Run *r = &d->runs[chosen ? chosen[k] : k];
        for (Py_ssize_t i = 0; i < r->count; i++) {
            which[i] = r->first + i;
        }
        widths[k] = wrap_width(d->lines, which, r->count, seen);
        if (widths[k] > page_width) {
            page_width = widths[k];
        }
    }
    if (paired && IN_WORDS(seen)) {
        return;
    }
    if (page_width == 0) { /* _wrapped_lines: paragraphs hard-wrapped once */
        Py_ssize_t count = 0;
        for (Py_ssize_t k = 0; k < n; k++) {
            Run *r = &d->runs[chosen ? chosen[k] : k];
            if (r->count != 2) {
                continue;
            }
            Line *first = &d->lines[r->first], *last = first + 1;
            if (SIZE(last, seen) < SIZE(first, seen) && !ends_sentence(first->c, 0, first->c.len)
                && ends_sentence(last->c, 0, last->c.len)) {
                which[count++] = r->first;
            }
        }
        page_width = wrap_width(d->lines, which, count, seen);
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        if (widths[k] == 0 && (!paired || d->runs[chosen ? chosen[k] : k].count == 2)) {
            widths[k] = page_width;
        }
    }
}

/* _layouts(runs, listed, size): every run's width (then the page's) and breaks, lines measured
 * by SIZE; ``which`` is scratch room for n_lines indices. Each run's width kept (r->width). */
static int
layouts(Dump *d, const char *listed, char *breaks, Py_ssize_t *which, int seen)
{
    Py_ssize_t *widths = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)d->n_runs);
    if (widths == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    run_widths(d, NULL, d->n_runs, which, seen, 0, widths);
    for (Py_ssize_t n = 0; n < d->n_runs; n++) {
        Run *r = &d->runs[n];
        r->width = widths[n];
        if (layout(d, r, r->width, listed, breaks + r->first, seen)) {
            PyMem_Free(widths);
            return -1;
        }
    }
    PyMem_Free(widths);
    return 0;
}

/* _mostly_wide(run's lines): no more of them than _WIDE_SHARE of the characters (spaces
 * aside) at U+1100 or above (where every wide one is) answers 0 here; else it is asked of
 * text_blocks.py: 0, WIDE_SCRIPT, HANGUL, -1 on an error. */
static int
mostly_wide(Dump *d, Run *r)
{
    Py_ssize_t chars = 0, high = 0;
    for (Py_ssize_t i = r->first; i < r->first + r->count; i++) {
        Chars c = d->lines[i].c;
        if (c.kind == PyUnicode_1BYTE_KIND) {
            for (Py_ssize_t k = 0; k < c.len; k++) {
                chars += !Py_UNICODE_ISSPACE(AT(c, k));
            }
            continue;
        }
        for (Py_ssize_t k = 0; k < c.len; k++) {
            Py_UCS4 ch = AT(c, k);
            chars += !Py_UNICODE_ISSPACE(ch);
            high += ch >= 0x1100;
        }
    }
    if (!((double)high > C.wide_share * (double)chars)) {
        return 0;
    }
    PyObject *lines = PyList_New(r->count);
    if (lines == NULL) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < r->count; i++) {
        PyList_SET_ITEM(lines, i, Py_NewRef(d->lines[r->first + i].raw));
    }
    PyObject *answer = PyObject_CallOneArg(C.mostly_wide, lines);
    Py_DECREF(lines);
    if (answer == NULL) {
        return -1;
    }
    long script = PyLong_AsLong(answer);
    Py_DECREF(answer);
    if (script == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (script != 0 && script != WIDE_SCRIPT && script != HANGUL) {
        PyErr_Format(PyExc_ValueError, "_mostly_wide answered %ld", script);
        return -1;
    }
    return (int)script;
}

/* _columns(line) of each of a run's lines into its cols: len where no character is at U+1100
 * or above (none below is wide), else asked of text_blocks.py. */
static int
line_columns(Dump *d, Run *r)
{
    for (Py_ssize_t i = r->first; i < r->first + r->count; i++) {
        Line *line = &d->lines[i];
        line->cols = line->c.len;
        if (line->c.kind == PyUnicode_1BYTE_KIND) {
            continue;
        }
        int high = 0;
        for (Py_ssize_t k = 0; k < line->c.len; k++) {
            high |= AT(line->c, k) >= 0x1100;
        }
        if (!high) {
            continue;
        }
        PyObject *answer = PyObject_CallOneArg(C.columns, line->raw);
        if (answer == NULL) {
            return -1;
        }
        line->cols = PyLong_AsSsize_t(answer);
        Py_DECREF(answer);
        if (line->cols == -1 && PyErr_Occurred()) {
            return -1;
        }
    }
    return 0;
}

/* _column_layouts: the narrow runs (no width counted in characters) that are mostly Chinese or
 * Japanese, then those mostly Korean, laid out by display columns and by twice their
 * characters, a paragraph ending where both end it (one alone where the other finds no width);
 * their breaks replace the runs'. */
static int
column_layouts(Dump *d, const char *listed, char *breaks, Py_ssize_t *which)
{
    int ok = -1;
    Py_ssize_t *chosen = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)d->n_runs * 3);
    char *other = PyMem_Malloc((size_t)d->n_lines + 1);
    char *scripts = PyMem_Malloc((size_t)d->n_runs + 1);
    if (chosen == NULL || other == NULL || scripts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < d->n_runs; k++) {
        scripts[k] = 0;
        if (!d->runs[k].narrow) {
            continue;
        }
        int script = mostly_wide(d, &d->runs[k]);
        if (script < 0) {
            goto done;
        }
        if (script && line_columns(d, &d->runs[k])) {
            goto done;
        }
        scripts[k] = (char)script;
    }
    Py_ssize_t *columns = chosen + d->n_runs, *chars = columns + d->n_runs;
    for (int script = WIDE_SCRIPT; script <= HANGUL; script++) {
        /* _COLUMN_MEASURES[script] */
        int in_columns = script == HANGUL ? BY_WORD_COLUMNS : BY_COLUMNS;
        int in_double = script == HANGUL ? BY_WORD_DOUBLE : BY_DOUBLE;
        Py_ssize_t n = 0;
        for (Py_ssize_t k = 0; k < d->n_runs; k++) {
            if (scripts[k] == script) {
                chosen[n++] = k;
            }
        }
        if (n == 0) {
            continue;
        }
        run_widths(d, chosen, n, which, in_columns, 1, columns);
        run_widths(d, chosen, n, which, in_double, 1, chars);
        for (Py_ssize_t k = 0; k < n; k++) {
            Run *r = &d->runs[chosen[k]];
            char *own = breaks + r->first;
            if (columns[k] && chars[k]) {
                if (layout(d, r, columns[k], listed, own, in_columns)
                    || layout(d, r, chars[k], listed, other, in_double)) {
                    goto done;
                }
                for (Py_ssize_t i = 0; i + 1 < r->count; i++) {
                    own[i] = own[i] && other[i];
                }
            }
            else if (columns[k] || chars[k]) {
                if (layout(d, r, columns[k] ? columns[k] : chars[k], listed, own,
                           columns[k] ? in_columns : in_double)) {
                    goto done;
                }
            }
        }
    }
    ok = 0;
done:
    PyMem_Free(chosen);
    PyMem_Free(other);
    PyMem_Free(scripts);
    return ok;
}

/* blocks(text, normalize): text_blocks.python_blocks, compiled. */
static PyObject *
blocks(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (!C.ready) {
        PyErr_SetString(PyExc_RuntimeError, "_ctext.configure() was not called");
        return NULL;
    }
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "blocks(text: str, normalize)");
        return NULL;
    }
    PyObject *text = args[0], *normalize = args[1];
    Dump d = {NULL, 0, 0, NULL, 0, 0, 0};
    PyObject *result = NULL;
    char *breaks = NULL, *seen_breaks = NULL;
    Py_ssize_t *which = NULL;
    char listed[1001];
    if (read_runs(&d, text)) {
        goto done;
    }
    result = PyList_New(0);
    if (result == NULL || d.n_runs == 0) {
        goto done;
    }
    which = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(d.n_lines + d.n_runs));
    breaks = PyMem_Malloc((size_t)d.n_lines + 1);
    if (which == NULL || breaks == NULL) {
        PyErr_NoMemory();
        Py_CLEAR(result);
        goto done;
    }
    if (listed_numbers(&d, listed) || layouts(&d, listed, breaks, which, BY_LEN)) {
        Py_CLEAR(result);
        goto done;
    }
    for (Py_ssize_t n = 0; n < d.n_runs; n++) {
        d.runs[n].narrow = d.runs[n].width == 0;
    }
    if (d.invisible) { /* a paragraph ends where both ways of counting end it */
        seen_breaks = PyMem_Malloc((size_t)d.n_lines + 1);
        if (seen_breaks == NULL) {
            PyErr_NoMemory();
            Py_CLEAR(result);
            goto done;
        }
        if (layouts(&d, listed, seen_breaks, which, BY_SEEN)) {
            Py_CLEAR(result);
            goto done;
        }
        for (Py_ssize_t n = 0; n < d.n_runs; n++) {
            Run *r = &d.runs[n];
            for (Py_ssize_t i = r->first; i + 1 < r->first + r->count; i++) {
                breaks[i] = breaks[i] && seen_breaks[i];
            }
        }
    }
    if (!PyUnicode_IS_ASCII(text) && column_layouts(&d, listed, breaks, which)) {
        Py_CLEAR(result);
        goto done;
    }
    Py_ssize_t total_breaks = 0;
    for (Py_ssize_t n = 0; n < d.n_runs; n++) {
        Run *r = &d.runs[n];
        for (Py_ssize_t i = 0; i + 1 < r->count; i++) {
            total_breaks += breaks[r->first + i];
        }
    }
    int dense = total_breaks > d.n_runs;
    for (Py_ssize_t n = 0; n < d.n_runs; n++) {
        Run *r = &d.runs[n];
        char *own = breaks + r->first;
        if (dense) {
            for (Py_ssize_t i = 0; i + 1 < r->count; i++) {
                Line *cur = &d.lines[r->first + i], *nxt = cur + 1;
                own[i] = own[i]
                         || (ends_sentence(cur->c, cur->indent, cur->c.len)
                             && starts_sentence(nxt->c, nxt->indent, nxt->c.len));
            }
        }
        if (assemble(&d, r, own, result, normalize)) {
            Py_CLEAR(result);
            goto done;
        }
    }
done:
    dump_free(&d);
    PyMem_Free(breaks);
    PyMem_Free(seen_breaks);
    PyMem_Free(which);
    return result;
}

/* Whether a text holds a character XML cannot hold (C0 controls but tab and line ends; the
 * non-characters U+FFFE and U+FFFF): cleaner/html/tree.py's _NOT_XML_CHARS, one pass over the
 * text where its Python scans the text once for each of the 31 characters (0.3-0.5 ms of a
 * page; tests/test_ctext.py holds the two to the same answer). The text is read in chunks
 * whose test has no early exit, which the compiler turns into vector instructions. */
#define XML_CHUNK 256
#define XML_UNFIT_C0(c) (((c) < 0x20) & ((c) != '\t') & ((c) != '\n') & ((c) != '\r'))

static PyObject *
xml_unfit(PyObject *self, PyObject *text)
{
    (void)self;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "xml_unfit() takes a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    int kind = PyUnicode_KIND(text);
    for (Py_ssize_t start = 0; start < n; start += XML_CHUNK) {
        Py_ssize_t end = n - start < XML_CHUNK ? n : start + XML_CHUNK;
        unsigned int found = 0;
        if (kind == PyUnicode_1BYTE_KIND) {
            const Py_UCS1 *s = (const Py_UCS1 *)data;
            for (Py_ssize_t i = start; i < end; i++) {
                found |= XML_UNFIT_C0(s[i]);
            }
        }
        else if (kind == PyUnicode_2BYTE_KIND) {
            const Py_UCS2 *s = (const Py_UCS2 *)data;
            for (Py_ssize_t i = start; i < end; i++) {
                found |= XML_UNFIT_C0(s[i]) | (s[i] >= 0xFFFE);
            }
        }
        else {
            const Py_UCS4 *s = (const Py_UCS4 *)data;
            for (Py_ssize_t i = start; i < end; i++) {
                found |= XML_UNFIT_C0(s[i]) | (s[i] == 0xFFFE) | (s[i] == 0xFFFF);
            }
        }
        if (found) {
            Py_RETURN_TRUE;
        }
    }
    Py_RETURN_FALSE;
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_O,
     "configure(config): text_blocks.py's constants and helpers, once a process."},
    {"blocks", (PyCFunction)(void (*)(void))blocks, METH_FASTCALL,
     "blocks(text, normalize): a dump's Blocks, as text_blocks.python_blocks gives them."},
    {"xml_unfit", xml_unfit, METH_O,
     "xml_unfit(text): whether text holds a character XML cannot hold (html/tree.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_ctext",
    "A text dump's blocks, compiled: see cleaner.text_blocks.", -1, methods,
};

PyMODINIT_FUNC
PyInit__ctext(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddStringConstant(m, "SOURCE_HASH", SOURCE_HASH) < 0
        || PyModule_AddStringConstant(m, "BUILT_SOURCES", BUILT_SOURCES) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
