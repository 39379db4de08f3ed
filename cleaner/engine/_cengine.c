/* The rule engine's per-page work, compiled: for each block of a page, the rules it meets
 * (cleaner/engine/apply.py's _Plan.candidates, its source of truth) with the static tests of
 * their scopes (model.py's Scope.admits: max_chars, top, bottom, after, kinds) applied, in one
 * call a page instead of the interpreter's dozens of operations a block. tests/test_cengine.py
 * holds the two to the same rules.
 *
 * A plan (plan()) is made once per _Plan from the tables cleaner/engine/compiled.py reads off
 * it: the rules in order, the words they require (found by an Aho-Corasick automaton over the
 * UTF-8 of the block's lower-case text, built here once per plan), the phrases of the phrase-
 * list rules (a dict lookup of the block's key: model.py's block_key for printable ASCII, the
 * Python's short_key otherwise), the rules that require neither, and each rule's static scope.
 * A block's rules are a bitset: those that require nothing, those of the words found, those of
 * its phrase, less the rules whose pattern cannot open or close with the Latin-1 characters
 * its stripped text opens or closes with (Matcher.opens, seconds, closes: model.may_match),
 * less the rules lacking every word of a clause of their needed words (Matcher.needs: each
 * clause a bit after the rules', found by the same automaton; a word bounded at a side found
 * only where no ASCII word character stands next to it there: model.needs_held);
 * of those, the ones whose static scope admits it.
 * Python keeps the plan, the dynamic scopes (once, after_story, after_field), the tries, the
 * actions and the cuts.
 *
 * Also the keys of a page's short blocks, for the site packs' signature lines (apply.py's
 * _signature_keys). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* compiled.source_hash() of the Python this file computes the same as: apply.py runs its own
 * Python while that code is any other (tests/test_cengine.py). */
#define SOURCE_HASH "6a20e57256e93e79"

/* The digest of the followed files' bytes and their code hash, as built: setup.py defines it
 * (cleaner.code_hash.built_record); a process whose files are still those takes the hash. */
#ifndef BUILT_SOURCES
#define BUILT_SOURCES ""
#endif

#define CAPSULE_NAME "cleaner.engine._cengine.plan"

static struct {
    int ready;
    unsigned char edge[128];     /* model._EDGE_PUNCT's ASCII characters */
    Py_UCS4 wide_edge[32];       /* ... and its others */
    int n_wide_edge;
    char enclosers[8][2];        /* model._ENCLOSERS' pairs (ASCII) */
    int n_enclosers;
    PyObject *short_key;         /* short_key(text, limit) -> str | None: BlockView's */
    PyObject *line_key;          /* model.line_key */
    PyObject *text, *kind;       /* "text", "kind" */
    PyObject *rule, *score;      /* "rule", "score": article.Removal's other fields */
    PyObject *empty_tuple;
} C;

typedef struct {
    Py_ssize_t max_chars, top, bottom; /* -1: none */
    int has_after;
    double after;
    PyObject *kinds; /* a set of kinds, or NULL for any */
} StaticScope;

/* A needed word marked at a word's edge (Matcher.needs, model.holds_word): found only where no
 * ASCII word character stands next to it on its marked sides. */
typedef struct {
    Py_ssize_t word;      /* its number among the plan's words */
    Py_ssize_t size;      /* its UTF-8 (ASCII) length */
    int left, right;      /* bounded at its start, at its end */
    Py_ssize_t next;      /* the next bounded word ending at the same state, or -1 */
} Bounded;

typedef struct {
    Py_ssize_t n_rules, n64;
    /* The bits past n_rules are the rules' clauses of needed words (Matcher.needs), the
     * clauses of rule r numbered from clause_start[r] to clause_start[r + 1] (from n_rules);
     * ``needy``: the rules that have some. */
    Py_ssize_t n_bits;
    Py_ssize_t *clause_start; /* n_rules + 1 */
    Py_ssize_t *needy;
    Py_ssize_t n_needy;
    /* the bounded words: by state (the new numbers), the first ending there (its own or its
     * failure links'), -1 for none */
    Bounded *bounded;
    Py_ssize_t n_bounded;
    Py_ssize_t *state_bounded; /* n_states, or NULL where no word is bounded */
    PyObject *rules; /* tuple of Rule */
    StaticScope *scopes;
    uint64_t *ungated;      /* n64 */
    /* the automaton over the required words' UTF-8 */
    Py_ssize_t n_states, n_classes;
    uint8_t cls[256];       /* byte -> class (0: a byte no word holds) */
    uint8_t lower_cls[128]; /* ASCII byte -> the class of its lower case */
    /* go[row + class]: the move from the state whose row starts at ``row`` (its number
     * times n_classes), held as the next state's row start: a step is a read and an add.
     * The states where no word ends come first, those where one does from out_row on. */
    int32_t *go;            /* n_states * n_classes */
    int32_t start, out_row; /* the root's row; the first row of a state where a word ends */
    uint64_t *state_rules;  /* ((row - out_row) / n_classes) * n64: the rules of every word
                               ending at the state */
    PyObject *words;        /* list of str: for a text UTF-8 cannot hold */
    uint64_t *word_rules;   /* n_words * n64 */
    Py_ssize_t n_words;
    PyObject *phrases;      /* dict: phrase -> its number */
    uint64_t *phrase_rules; /* n_phrases * n64 */
    Py_ssize_t longest_phrase;
    /* shut[c * n64 ...]: the rules a block whose stripped text opens with Latin-1 character c
     * does not meet (Matcher.opens lacks c); NULL where no rule has such a test */
    uint64_t *shut;
    /* shut_end[c * n64 ...]: the same for the stripped text's last character
     * (Matcher.closes) */
    uint64_t *shut_end;
    /* phrase_ends[f * 2 ...]: a bit for each ASCII character l where some phrase opens with the
     * ASCII f and closes with l (phrase_may); ``phrase_empty``: a phrase is "" */
    uint64_t phrase_ends[128 * 2];
    int phrase_empty;
    /* pairs[k * 1024 ...]: for the k-th of the rules ``paired`` (Matcher.seconds), a bit for
     * each first and second Latin-1 character of a stripped text: set where they may open a
     * match (every second for a first the rule's table does not name) */
    uint64_t *pairs;
    Py_ssize_t *paired;
    Py_ssize_t n_paired;
} Plan;

static void
plan_free(Plan *p)
{
    if (p == NULL) {
        return;
    }
    if (p->scopes != NULL) {
        for (Py_ssize_t i = 0; i < p->n_rules; i++) {
            Py_XDECREF(p->scopes[i].kinds);
        }
    }
    PyMem_Free(p->scopes);
    PyMem_Free(p->clause_start);
    PyMem_Free(p->needy);
    PyMem_Free(p->bounded);
    PyMem_Free(p->state_bounded);
    PyMem_Free(p->ungated);
    PyMem_Free(p->go);
    PyMem_Free(p->state_rules);
    PyMem_Free(p->word_rules);
    PyMem_Free(p->phrase_rules);
    PyMem_Free(p->shut);
    PyMem_Free(p->shut_end);
    PyMem_Free(p->pairs);
    PyMem_Free(p->paired);
    Py_XDECREF(p->rules);
    Py_XDECREF(p->words);
    Py_XDECREF(p->phrases);
    PyMem_Free(p);
}

static void
capsule_free(PyObject *capsule)
{
    plan_free((Plan *)PyCapsule_GetPointer(capsule, CAPSULE_NAME));
}

static Py_ssize_t
optional_size(PyObject *value, const char *what)
{
    if (value == Py_None) {
        return -1;
    }
    Py_ssize_t n = PyLong_AsSsize_t(value);
    if (n == -1 && PyErr_Occurred()) {
        return -2;
    }
    if (n < 0) {
        /* A negative limit: Python's comparisons would still run; not taken here. */
        PyErr_Format(PyExc_ValueError, "plan: a negative %s", what);
        return -2;
    }
    return n;
}

/* Set the bits of the rule numbers in the sequence ``numbers``. */
static int
set_bits(uint64_t *bits, Py_ssize_t n_rules, PyObject *numbers)
{
    PyObject *seq = PySequence_Fast(numbers, "plan: rule numbers must be a sequence");
    if (seq == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t r = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(seq, i));
        if (r == -1 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return -1;
        }
        if (r < 0 || r >= n_rules) {
            Py_DECREF(seq);
            PyErr_SetString(PyExc_ValueError, "plan: a rule number out of range");
            return -1;
        }
        bits[r >> 6] |= (uint64_t)1 << (r & 63);
    }
    Py_DECREF(seq);
    return 0;
}

/* The automaton over ``words`` (UTF-8), each word's rules its ``word_rules`` row. */
static int
build_automaton(Plan *p)
{
    Py_ssize_t n64 = p->n64;
    Py_ssize_t total = 1;
    Py_ssize_t n_words = p->n_words > 0 ? p->n_words : 1;
    const char *utf8[n_words];
    Py_ssize_t sizes[n_words];
    int lefts[n_words], rights[n_words];
    Py_ssize_t n_bounded = 0;
    memset(p->cls, 0, sizeof p->cls);
    Py_ssize_t classes = 1;
    for (Py_ssize_t w = 0; w < p->n_words; w++) {
        utf8[w] = PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(p->words, w), &sizes[w]);
        if (utf8[w] == NULL) {
            return -1;
        }
        /* model.bounds_of: a needed word's \b marks */
        lefts[w] = sizes[w] > 2 && utf8[w][0] == '\\' && utf8[w][1] == 'b';
        if (lefts[w]) {
            utf8[w] += 2;
            sizes[w] -= 2;
        }
        rights[w] = sizes[w] > 2 && utf8[w][sizes[w] - 2] == '\\' && utf8[w][sizes[w] - 1] == 'b';
        if (rights[w]) {
            sizes[w] -= 2;
        }
        if (lefts[w] || rights[w]) {
            for (Py_ssize_t i = 0; i < sizes[w]; i++) {
                if ((unsigned char)utf8[w][i] >= 0x80) {
                    PyErr_SetString(PyExc_ValueError, "plan: a bounded word outside ASCII");
                    return -1;
                }
            }
            n_bounded++;
        }
        total += sizes[w];
        for (Py_ssize_t i = 0; i < sizes[w]; i++) {
            unsigned char b = (unsigned char)utf8[w][i];
            if (p->cls[b] == 0) {
                if (classes == 256) {
                    PyErr_SetString(PyExc_ValueError, "plan: too many distinct bytes");
                    return -1;
                }
                p->cls[b] = (uint8_t)classes++;
            }
        }
    }
    for (int b = 0; b < 128; b++) {
        int lower = (b >= 'A' && b <= 'Z') ? b + 32 : b;
        p->lower_cls[b] = p->cls[lower];
    }
    p->n_classes = classes;
    Py_ssize_t cells = total * classes;
    if (cells > INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "plan: too many required words");
        return -1;
    }
    /* built by state numbers (go, has_out, rules, own), then renumbered into p's tables */
    int32_t *go = PyMem_Malloc(sizeof(int32_t) * (size_t)cells);
    uint8_t *has_out = PyMem_Calloc((size_t)total, 1);
    uint64_t *rules = PyMem_Calloc((size_t)(total * n64), sizeof(uint64_t));
    int32_t *fail = PyMem_Malloc(sizeof(int32_t) * (size_t)total);
    int32_t *queue = PyMem_Malloc(sizeof(int32_t) * (size_t)total);
    /* own[s]: the first bounded word ending at state s, -1 for none; up[s]: the nearest
     * state down s's failure links with one, -1 for none */
    Py_ssize_t *own = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)total * 2);
    if (n_bounded > 0) {
        p->bounded = PyMem_Malloc(sizeof(Bounded) * (size_t)n_bounded);
    }
    if (go == NULL || has_out == NULL || rules == NULL || fail == NULL || queue == NULL
        || own == NULL || (n_bounded > 0 && p->bounded == NULL)) {
        PyMem_Free(go);
        PyMem_Free(has_out);
        PyMem_Free(rules);
        PyMem_Free(fail);
        PyMem_Free(queue);
        PyMem_Free(own);
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t *up = own + total;
    for (Py_ssize_t i = 0; i < cells; i++) {
        go[i] = -1;
    }
    for (Py_ssize_t i = 0; i < total; i++) {
        own[i] = -1;
        up[i] = -1;
    }
    Py_ssize_t states = 1;
    for (Py_ssize_t w = 0; w < p->n_words; w++) {
        int32_t s = 0;
        for (Py_ssize_t i = 0; i < sizes[w]; i++) {
            int c = p->cls[(unsigned char)utf8[w][i]];
            if (go[s * classes + c] < 0) {
                go[s * classes + c] = (int32_t)states++;
            }
            s = go[s * classes + c];
        }
        has_out[s] = 1;
        if (lefts[w] || rights[w]) {
            Bounded *b = &p->bounded[p->n_bounded++];
            b->word = w;
            b->size = sizes[w];
            b->left = lefts[w];
            b->right = rights[w];
            b->next = own[s];
            own[s] = p->n_bounded - 1;
            continue;
        }
        for (Py_ssize_t k = 0; k < n64; k++) {
            rules[s * n64 + k] |= p->word_rules[w * n64 + k];
        }
    }
    p->n_states = states;
    /* Breadth first: each state's failure link, its outputs joined with its link's, and
     * every missing move taken from its link's (a full move table). */
    Py_ssize_t head = 0, tail = 0;
    fail[0] = 0;
    for (Py_ssize_t c = 0; c < classes; c++) {
        int32_t next = go[c];
        if (next < 0) {
            go[c] = 0;
        }
        else {
            fail[next] = 0;
            queue[tail++] = next;
        }
    }
    while (head < tail) {
        int32_t s = queue[head++];
        int32_t f = fail[s];
        if (has_out[f]) {
            has_out[s] = 1;
            for (Py_ssize_t k = 0; k < n64; k++) {
                rules[s * n64 + k] |= rules[f * n64 + k];
            }
        }
        up[s] = f == 0 ? -1 : own[f] >= 0 ? f : up[f];
        for (Py_ssize_t c = 0; c < classes; c++) {
            int32_t next = go[s * classes + c];
            if (next < 0) {
                go[s * classes + c] = go[f * classes + c];
            }
            else {
                fail[next] = go[f * classes + c];
                queue[tail++] = next;
            }
        }
    }
    PyMem_Free(fail);
    /* Renumbered: the states where no word ends first, then the others (queue[s]: state s's
     * new number), each move held as its target's row start. */
    Py_ssize_t quiet = 0;
    for (Py_ssize_t s = 0; s < states; s++) {
        if (!has_out[s]) {
            queue[s] = (int32_t)quiet++;
        }
    }
    Py_ssize_t loud = quiet;
    for (Py_ssize_t s = 0; s < states; s++) {
        if (has_out[s]) {
            queue[s] = (int32_t)loud++;
        }
    }
    p->go = PyMem_Malloc(sizeof(int32_t) * (size_t)(states * classes));
    p->state_rules = PyMem_Malloc(sizeof(uint64_t) * (size_t)((states - quiet) * n64 + 1));
    if (n_bounded > 0) {
        p->state_bounded = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)states * 2);
    }
    if (p->go == NULL || p->state_rules == NULL
        || (n_bounded > 0 && p->state_bounded == NULL)) {
        PyMem_Free(go);
        PyMem_Free(has_out);
        PyMem_Free(rules);
        PyMem_Free(queue);
        PyMem_Free(own);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t s = 0; s < states; s++) {
        Py_ssize_t row = queue[s] * classes;
        for (Py_ssize_t c = 0; c < classes; c++) {
            p->go[row + c] = (int32_t)(queue[go[s * classes + c]] * classes);
        }
        if (has_out[s]) {
            memcpy(p->state_rules + (queue[s] - quiet) * n64, rules + s * n64,
                   sizeof(uint64_t) * (size_t)n64);
        }
        if (n_bounded > 0) {
            /* by new numbers: [0, states) the first bounded word ending at the state,
             * [states, 2 states) the nearest state down its failure links with one */
            p->state_bounded[queue[s]] = own[s];
            p->state_bounded[states + queue[s]] = up[s] < 0 ? -1 : queue[up[s]];
        }
    }
    p->start = (int32_t)(queue[0] * classes);
    p->out_row = (int32_t)(quiet * classes);
    PyMem_Free(go);
    PyMem_Free(has_out);
    PyMem_Free(rules);
    PyMem_Free(queue);
    PyMem_Free(own);
    return 0;
}

/* The rules of ``opens`` (each rule's set of the Latin-1 characters its block may open, or
 * close, with, or None) that each Latin-1 character shuts out: *table (p->shut, p->shut_end),
 * left NULL where none has a set. */
static int
set_shut(Plan *p, PyObject *opens, uint64_t **table)
{
    Py_ssize_t n64 = p->n64;
    for (Py_ssize_t r = 0; r < p->n_rules; r++) {
        PyObject *chars = PyList_GET_ITEM(opens, r);
        if (chars == Py_None) {
            continue;
        }
        if (!PyAnySet_Check(chars)) {
            PyErr_SetString(PyExc_TypeError, "plan: a rule's opening characters must be a set");
            return -1;
        }
        if (*table == NULL) {
            *table = PyMem_Calloc((size_t)(256 * n64), sizeof(uint64_t));
            if (*table == NULL) {
                PyErr_NoMemory();
                return -1;
            }
        }
        for (int c = 0; c < 256; c++) {
            PyObject *one = PyUnicode_FromOrdinal(c);
            if (one == NULL) {
                return -1;
            }
            int in = PySet_Contains(chars, one);
            Py_DECREF(one);
            if (in < 0) {
                return -1;
            }
            if (!in) {
                (*table)[c * n64 + (r >> 6)] |= (uint64_t)1 << (r & 63);
            }
        }
    }
    return 0;
}

/* The pairs of ``seconds`` (each rule's dict of an opening Latin-1 character to the str of
 * the characters that may follow it, or None): p->pairs, p->paired. */
static int
set_pairs(Plan *p, PyObject *seconds)
{
    Py_ssize_t n = 0;
    for (Py_ssize_t r = 0; r < p->n_rules; r++) {
        PyObject *table = PyList_GET_ITEM(seconds, r);
        if (table != Py_None) {
            if (!PyDict_Check(table)) {
                PyErr_SetString(PyExc_TypeError, "plan: a rule's second characters must be a dict");
                return -1;
            }
            n++;
        }
    }
    if (n == 0) {
        return 0;
    }
    p->pairs = PyMem_Malloc(sizeof(uint64_t) * 1024 * (size_t)n);
    p->paired = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)n);
    if (p->pairs == NULL || p->paired == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memset(p->pairs, 0xff, sizeof(uint64_t) * 1024 * (size_t)n);
    for (Py_ssize_t r = 0; r < p->n_rules; r++) {
        PyObject *table = PyList_GET_ITEM(seconds, r);
        if (table == Py_None) {
            continue;
        }
        uint64_t *bits = p->pairs + p->n_paired * 1024;
        p->paired[p->n_paired++] = r;
        PyObject *key, *value;
        Py_ssize_t at = 0;
        while (PyDict_Next(table, &at, &key, &value)) {
            if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) != 1 || !PyUnicode_Check(value)) {
                PyErr_SetString(PyExc_TypeError, "plan: second characters are a character's str");
                return -1;
            }
            Py_UCS4 first = PyUnicode_READ_CHAR(key, 0);
            if (first >= 256) {
                continue; /* never asked: a first character past Latin-1 is not tested */
            }
            uint64_t *row = bits + first * 4;
            memset(row, 0, sizeof(uint64_t) * 4);
            Py_ssize_t length = PyUnicode_GET_LENGTH(value);
            for (Py_ssize_t i = 0; i < length; i++) {
                Py_UCS4 c = PyUnicode_READ_CHAR(value, i);
                if (c < 256) {
                    row[c >> 6] |= (uint64_t)1 << (c & 63);
                }
            }
        }
    }
    return 0;
}

/* A key's first and last characters into ``ends`` where both are ASCII (a bit for the last in
 * the first's pair of words); ``*empty`` set where the key is "". A key opening or closing
 * outside ASCII is no key of a text whose key opens and closes with ASCII characters: it has no
 * pair. */
static int
add_ends(PyObject *key, uint64_t *ends, int *empty, const char *what)
{
    if (!PyUnicode_Check(key)) {
        PyErr_Format(PyExc_TypeError, "%s that is not a str", what);
        return -1;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(key);
    if (n == 0) {
        *empty = 1;
        return 0;
    }
    Py_UCS4 first = PyUnicode_READ_CHAR(key, 0), last = PyUnicode_READ_CHAR(key, n - 1);
    if (first < 128 && last < 128) {
        ends[first * 2 + (last >> 6)] |= (uint64_t)1 << (last & 63);
    }
    return 0;
}

/* The first and last characters of the phrases (p->phrases' keys) where both are ASCII, into
 * phrase_ends: a block whose key opens and closes with another pair of ASCII characters is
 * none of them (phrase_may). */
static int
set_phrase_ends(Plan *p)
{
    PyObject *phrase;
    Py_ssize_t at = 0;
    while (PyDict_Next(p->phrases, &at, &phrase, NULL)) {
        if (add_ends(phrase, p->phrase_ends, &p->phrase_empty, "plan: a phrase") < 0) {
            return -1;
        }
    }
    return 0;
}

/* plan(rules, words, word_rules, phrases, phrase_rules, ungated, scopes, longest_phrase,
 *      opens, closes, seconds, needs): ``needs``, each rule's number of clauses of needed
 *      words, numbered in rule order from len(rules) (word_rules names them as rules) */
static PyObject *
make_plan(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 12) {
        PyErr_SetString(PyExc_TypeError, "plan() takes 12 arguments");
        return NULL;
    }
    if (!PyTuple_Check(args[0]) || !PyList_Check(args[1]) || !PyList_Check(args[2])
        || !PyDict_Check(args[3]) || !PyList_Check(args[4]) || !PyList_Check(args[6])
        || !PyList_Check(args[8]) || !PyList_Check(args[9]) || !PyList_Check(args[10])
        || !PyList_Check(args[11])) {
        PyErr_SetString(PyExc_TypeError, "plan: wrong argument types");
        return NULL;
    }
    Plan *p = PyMem_Calloc(1, sizeof(Plan));
    if (p == NULL) {
        return PyErr_NoMemory();
    }
    p->n_rules = PyTuple_GET_SIZE(args[0]);
    if (PyList_GET_SIZE(args[11]) != p->n_rules) {
        PyErr_SetString(PyExc_ValueError, "plan: tables of different lengths");
        PyMem_Free(p);
        return NULL;
    }
    p->clause_start = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(p->n_rules + 1));
    p->needy = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(p->n_rules + 1));
    if (p->clause_start == NULL || p->needy == NULL) {
        PyMem_Free(p->clause_start);
        PyMem_Free(p->needy);
        PyMem_Free(p);
        return PyErr_NoMemory();
    }
    p->n_bits = p->n_rules;
    for (Py_ssize_t r = 0; r < p->n_rules; r++) {
        Py_ssize_t count = PyLong_AsSsize_t(PyList_GET_ITEM(args[11], r));
        if (count < 0) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "plan: a negative number of clauses");
            }
            PyMem_Free(p->clause_start);
            PyMem_Free(p->needy);
            PyMem_Free(p);
            return NULL;
        }
        p->clause_start[r] = p->n_bits;
        if (count > 0) {
            p->needy[p->n_needy++] = r;
        }
        p->n_bits += count;
    }
    p->clause_start[p->n_rules] = p->n_bits;
    p->n64 = p->n_bits / 64 + 1;
    Py_INCREF(args[0]);
    p->rules = args[0];
    Py_INCREF(args[1]);
    p->words = args[1];
    Py_INCREF(args[3]);
    p->phrases = args[3];
    p->n_words = PyList_GET_SIZE(args[1]);
    Py_ssize_t n_phrases = PyList_GET_SIZE(args[4]);
    Py_ssize_t n64 = p->n64;
    if (PyList_GET_SIZE(args[2]) != p->n_words || PyList_GET_SIZE(args[6]) != p->n_rules
        || PyList_GET_SIZE(args[8]) != p->n_rules || PyList_GET_SIZE(args[9]) != p->n_rules
        || PyList_GET_SIZE(args[10]) != p->n_rules) {
        PyErr_SetString(PyExc_ValueError, "plan: tables of different lengths");
        goto fail;
    }
    p->scopes = PyMem_Calloc((size_t)(p->n_rules > 0 ? p->n_rules : 1), sizeof(StaticScope));
    p->ungated = PyMem_Calloc((size_t)n64, sizeof(uint64_t));
    p->word_rules = PyMem_Calloc((size_t)((p->n_words + 1) * n64), sizeof(uint64_t));
    p->phrase_rules = PyMem_Calloc((size_t)((n_phrases + 1) * n64), sizeof(uint64_t));
    if (p->scopes == NULL || p->ungated == NULL || p->word_rules == NULL
        || p->phrase_rules == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t w = 0; w < p->n_words; w++) {
        if (!PyUnicode_Check(PyList_GET_ITEM(p->words, w))) {
            PyErr_SetString(PyExc_TypeError, "plan: a word that is not a str");
            goto fail;
        }
        if (set_bits(p->word_rules + w * n64, p->n_bits, PyList_GET_ITEM(args[2], w)) < 0) {
            goto fail;
        }
    }
    for (Py_ssize_t n = 0; n < n_phrases; n++) {
        if (set_bits(p->phrase_rules + n * n64, p->n_rules, PyList_GET_ITEM(args[4], n)) < 0) {
            goto fail;
        }
    }
    if (set_bits(p->ungated, p->n_rules, args[5]) < 0) {
        goto fail;
    }
    for (Py_ssize_t r = 0; r < p->n_rules; r++) {
        PyObject *scope = PyList_GET_ITEM(args[6], r);
        if (!PyTuple_Check(scope) || PyTuple_GET_SIZE(scope) != 5) {
            PyErr_SetString(PyExc_TypeError, "plan: a scope is (max_chars, top, bottom, after, kinds)");
            goto fail;
        }
        StaticScope *s = &p->scopes[r];
        if ((s->max_chars = optional_size(PyTuple_GET_ITEM(scope, 0), "max_chars")) == -2
            || (s->top = optional_size(PyTuple_GET_ITEM(scope, 1), "top")) == -2
            || (s->bottom = optional_size(PyTuple_GET_ITEM(scope, 2), "bottom")) == -2) {
            goto fail;
        }
        PyObject *after = PyTuple_GET_ITEM(scope, 3);
        if (after != Py_None) {
            s->after = PyFloat_AsDouble(after);
            if (s->after == -1.0 && PyErr_Occurred()) {
                goto fail;
            }
            s->has_after = 1;
        }
        PyObject *kinds = PyTuple_GET_ITEM(scope, 4);
        if (kinds != Py_None) {
            if (!PyAnySet_Check(kinds)) {
                PyErr_SetString(PyExc_TypeError, "plan: a scope's kinds must be a set");
                goto fail;
            }
            Py_INCREF(kinds);
            s->kinds = kinds;
        }
    }
    p->longest_phrase = PyLong_AsSsize_t(args[7]);
    if (p->longest_phrase == -1 && PyErr_Occurred()) {
        goto fail;
    }
    if (set_phrase_ends(p) < 0) {
        goto fail;
    }
    if (build_automaton(p) < 0 || set_shut(p, args[8], &p->shut) < 0
        || set_shut(p, args[9], &p->shut_end) < 0 || set_pairs(p, args[10]) < 0) {
        goto fail;
    }
    PyObject *capsule = PyCapsule_New(p, CAPSULE_NAME, capsule_free);
    if (capsule == NULL) {
        goto fail;
    }
    return capsule;
fail:
    plan_free(p);
    return NULL;
}

/* The Python space of an ASCII character (str.isspace, which str.split() splits at). */
static inline int
ascii_space(unsigned char c)
{
    return (c >= 9 && c <= 13) || (c >= 28 && c <= 32);
}

/* Whether a character is one of model._EDGE_PUNCT's (an edge mark). */
static inline int
is_edge(Py_UCS4 c)
{
    if (c < 128) {
        return C.edge[c];
    }
    for (int k = 0; k < C.n_wide_edge; k++) {
        if (C.wide_edge[k] == c) {
            return 1;
        }
    }
    return 0;
}

/* [*start, *end) narrowed past the edge marks at both ends of s (of ``kind``). */
static inline void
strip_edges(int kind, const void *s, Py_ssize_t *start, Py_ssize_t *end)
{
    Py_ssize_t i = *start, j = *end;
    while (i < j && is_edge(PyUnicode_READ(kind, s, i))) {
        i++;
    }
    while (j > i && is_edge(PyUnicode_READ(kind, s, j - 1))) {
        j--;
    }
    *start = i;
    *end = j;
}

/* A text's core, as short_key's: the edge marks stripped, then one pair of enclosers and the
 * edge marks inside them; [*start, *end) of s[0:n] (of ``kind``: called with a constant one,
 * it is read as that). */
static inline void
text_core(int kind, const void *s, Py_ssize_t n, Py_ssize_t *start, Py_ssize_t *end)
{
    *start = 0;
    *end = n;
    strip_edges(kind, s, start, end);
    if (*end - *start > 2) {
        Py_UCS4 first = PyUnicode_READ(kind, s, *start), last = PyUnicode_READ(kind, s, *end - 1);
        for (int e = 0; e < C.n_enclosers; e++) {
            if (first == (unsigned char)C.enclosers[e][0]
                && last == (unsigned char)C.enclosers[e][1]) {
                ++*start;
                --*end;
                strip_edges(kind, s, start, end);
                break;
            }
        }
    }
}

/* model.BlockView(text).short_key(limit) for the ASCII ``s`` of ``n`` characters (``text``),
 * its core s[i:j) (text_core); a new reference, Py_None for none, NULL on error. The key is
 * not wanted (None) where it is certainly longer than ``limit`` (-1: always wanted); short_key
 * itself drops only printable cores, this one any core with more non-space characters than the
 * limit (those cannot be a phrase of that length either). */
static PyObject *
ascii_short_key(PyObject *text, const unsigned char *s, Py_ssize_t n, Py_ssize_t i, Py_ssize_t j,
                Py_ssize_t limit, int exact)
{
    int printable = 1, doubled = 0;
    Py_ssize_t spaces = 0, blank = 0;
    for (Py_ssize_t k = i; k < j; k++) {
        unsigned char c = s[k];
        if (c < 0x20 || c > 0x7e) {
            printable = 0;
        }
        if (c == ' ') {
            spaces++;
            if (k > i && s[k - 1] == ' ') {
                doubled = 1;
            }
        }
        if (ascii_space(c)) {
            blank++;
        }
    }
    Py_ssize_t core = j - i;
    if (limit >= 0 && n > limit) {
        if (core > limit && printable && core - spaces > limit) {
            Py_RETURN_NONE;
        }
        if (!exact && core - blank > limit) {
            Py_RETURN_NONE;
        }
    }
    if (!printable || doubled) {
        return PyObject_CallOneArg(C.line_key, text);
    }
    PyObject *key = PyUnicode_New(core, 127);
    if (key == NULL) {
        return NULL;
    }
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(key);
    for (Py_ssize_t k = 0; k < core; k++) {
        unsigned char c = s[i + k];
        out[k] = (c >= 'A' && c <= 'Z') ? (Py_UCS1)(c + 32) : (Py_UCS1)c;
    }
    return key;
}

/* Whether the core s[i:j) (of ``kind``; ``ascii``: all ASCII, spaces as ascii_space) has more
 * than ``limit`` characters that are not spaces and one space between each two words: the
 * least its key can be (see short_key). Counted only as far as the limit. */
static inline int
longer_than(int ascii, int kind, const void *s, Py_ssize_t i, Py_ssize_t j, Py_ssize_t limit)
{
    Py_ssize_t least = 0;
    int gap = 0;
    for (Py_ssize_t k = i; k < j; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, s, k);
        if (ascii ? ascii_space((unsigned char)c) : Py_UNICODE_ISSPACE(c)) {
            gap = 1;
            continue;
        }
        least += 1 + (gap && least > 0);
        gap = 0;
        if (least > limit) {
            return 1;
        }
    }
    return 0;
}

/* short_key(text, limit) of any text: in C for ASCII, else by the Python's. Unless
 * ``exact``, None as soon as the key is certainly longer than ``limit``: its core's characters
 * that are not spaces and a space between each two of its words (line_key joins the core's
 * words by one space; lower and casefold never shorten a character; a printable ASCII core
 * has at least one space between two words) number more than ``limit``, so no phrase of at
 * most ``limit`` characters is it. (Counting the spaces too spares the Python's key of a
 * block a few words longer than the longest phrase or signature: on the seeds, 3 of the 5
 * keys a seed pair asked of the Python.) */
static PyObject *
short_key(PyObject *text, Py_ssize_t limit, int exact)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i, j;
    int early = !exact && limit >= 0 && n > limit; /* (None as soon as it is too long) */
    if (PyUnicode_IS_ASCII(text)) {
        const unsigned char *s = PyUnicode_1BYTE_DATA(text);
        text_core(PyUnicode_1BYTE_KIND, s, n, &i, &j);
        if (early && longer_than(1, PyUnicode_1BYTE_KIND, s, i, j, limit)) {
            Py_RETURN_NONE;
        }
        return ascii_short_key(text, s, n, i, j, limit, exact);
    }
    if (early) {
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        text_core(kind, data, n, &i, &j);
        if (longer_than(0, kind, data, i, j, limit)) {
            Py_RETURN_NONE;
        }
    }
    PyObject *size = PyLong_FromSsize_t(limit);
    if (size == NULL) {
        return NULL;
    }
    PyObject *args[2] = {text, size};
    PyObject *key = PyObject_Vectorcall(C.short_key, args, 2, NULL);
    Py_DECREF(size);
    return key;
}

/* Whether the key of ``text`` (short_key's) may be one of the keys whose first and last
 * characters ``ends`` holds (add_ends; ``empty``: one of them is ""), by its own first and
 * last: those of the text's core (text_core) that are not spaces (str.split's), where both are
 * ASCII, lower-cased (line_key's casefold and block_key's lower of an ASCII character), must
 * open and close one of them. Any other text may. On the seeds, most blocks are shut out here
 * without their key's walk of up to the longest phrase's or signature's length. */
static inline int
ends_may(const uint64_t *ends, int empty, PyObject *text)
{
    if (empty) {
        return 1;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t i, j;
    text_core(kind, data, PyUnicode_GET_LENGTH(text), &i, &j);
    while (i < j && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
        i++;
    }
    while (j > i && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j - 1))) {
        j--;
    }
    if (i == j) {
        return 1;
    }
    Py_UCS4 first = PyUnicode_READ(kind, data, i), last = PyUnicode_READ(kind, data, j - 1);
    if (first >= 128 || last >= 128) {
        return 1;
    }
    first += (first >= 'A' && first <= 'Z') ? 32 : 0;
    last += (last >= 'A' && last <= 'Z') ? 32 : 0;
    return (int)(ends[first * 2 + (last >> 6)] >> (last & 63) & 1);
}

/* Whether the key of ``text`` may be one of the plan's phrases (ends_may). */
static inline int
phrase_may(const Plan *p, PyObject *text)
{
    return ends_may(p->phrase_ends, p->phrase_empty, text);
}

static inline void
or_bits(uint64_t *into, const uint64_t *bits, Py_ssize_t n64)
{
    for (Py_ssize_t k = 0; k < n64; k++) {
        into[k] |= bits[k];
    }
}

/* Whether a character (a lower case, or a byte of a UTF-8 lower case) is an ASCII word
 * character: next to a bounded word, it stands where no \b can (model._WORDISH). */
static inline int
wordish(Py_UCS4 c)
{
    return c < 128 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                       || c == '_');
}

/* The character at ``i`` of a text read as bytes (``kind`` 0: ``data`` is char *) or as a
 * str of that kind, lower-cased. */
static inline Py_UCS4
lower_at(int kind, const void *data, Py_ssize_t i)
{
    if (kind == 0) {
        return ((const unsigned char *)data)[i];
    }
    return Py_UNICODE_TOLOWER(PyUnicode_READ(kind, data, i));
}

/* The rules of the bounded words ending at ``end`` (the index of their last character in
 * ``data``, of ``n``, read as lower_at reads it) at the state of new number ``state``, where
 * they stand at a word's edge on their marked sides (model.holds_word). */
static void
bounded_in(const Plan *p, Py_ssize_t state, int kind, const void *data, Py_ssize_t end,
           Py_ssize_t n, uint64_t *mask)
{
    const Py_ssize_t *first = p->state_bounded, *up = p->state_bounded + p->n_states;
    Py_ssize_t t = first[state] >= 0 ? state : up[state];
    for (; t >= 0; t = up[t]) {
        for (Py_ssize_t e = first[t]; e >= 0; e = p->bounded[e].next) {
            const Bounded *b = &p->bounded[e];
            Py_ssize_t start = end - b->size + 1;
            if (b->left && start > 0 && wordish(lower_at(kind, data, start - 1))) {
                continue;
            }
            if (b->right && end + 1 < n && wordish(lower_at(kind, data, end + 1))) {
                continue;
            }
            or_bits(mask, p->word_rules + b->word * p->n64, p->n64);
        }
    }
}

/* The rules (and clauses) of the words the text's lower case holds, into ``mask``; *untested
 * set where the text holds a character whose needed words are not tested (model.needs_held:
 * 'İ', 'ı', 'ſ', a lone surrogate). */
static int
words_in(const Plan *p, PyObject *text, uint64_t *mask, int *untested)
{
    Py_ssize_t n64 = p->n64, classes = p->n_classes;
    const int32_t *go = p->go;
    const int32_t out_row = p->out_row;
    const int bounded = p->state_bounded != NULL;
/* the rules of the words that end at the state of row ``row``, where some do (at ``end`` of
 * the text read as (kind, data, n)) */
#define ENDED(row, kind, data, end, n)                                                      \
    if ((row) >= out_row) {                                                                \
        or_bits(mask, p->state_rules + ((row) - out_row) / classes * n64, n64);            \
        if (bounded) {                                                                     \
            bounded_in(p, (row) / classes, kind, data, end, n, mask);                      \
        }                                                                                  \
    }
    *untested = 0;
    if (PyUnicode_IS_ASCII(text)) {
        const unsigned char *s = PyUnicode_1BYTE_DATA(text);
        Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        const uint8_t *lower_cls = p->lower_cls;
        int32_t row = p->start;
        for (Py_ssize_t i = 0; i < n; i++) {
            row = go[row + lower_cls[s[i]]];
            ENDED(row, 0, s, i, n);
        }
        return 0;
    }
    /* str.lower is each character's own lower case (Py_UNICODE_TOLOWER) but for two: U+0130,
     * whose lower case is two characters, and a capital sigma, whose lower case depends on
     * its neighbours (tests/test_cengine.py checks every code point). A text holding one is
     * lowered by Python; a lone surrogate, which no word holds, breaks any match as a byte
     * no word holds does. */
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int32_t at = p->start;
    const uint8_t *cls = p->cls;
    Py_ssize_t i = 0;
    for (; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 128) {
            at = go[at + p->lower_cls[c]];
        }
        else {
            if (c == 0x130 || c == 0x3a3) {
                break;
            }
            if (c == 0x131 || c == 0x17f) {
                *untested = 1;
            }
            c = Py_UNICODE_TOLOWER(c);
            /* its UTF-8, byte by byte (a word, whole characters, ends only at the last) */
            if (c < 0x80) { /* the Kelvin sign's lower case is k */
                at = go[at + cls[c]];
            }
            else if (c < 0x800) {
                at = go[at + cls[0xc0 | (c >> 6)]];
                at = go[at + cls[0x80 | (c & 0x3f)]];
            }
            else if (c >= 0xd800 && c < 0xe000) {
                at = go[at]; /* class 0: back to the root */
                *untested = 1;
            }
            else if (c < 0x10000) {
                at = go[at + cls[0xe0 | (c >> 12)]];
                at = go[at + cls[0x80 | ((c >> 6) & 0x3f)]];
                at = go[at + cls[0x80 | (c & 0x3f)]];
            }
            else {
                at = go[at + cls[0xf0 | (c >> 18)]];
                at = go[at + cls[0x80 | ((c >> 12) & 0x3f)]];
                at = go[at + cls[0x80 | ((c >> 6) & 0x3f)]];
                at = go[at + cls[0x80 | (c & 0x3f)]];
            }
        }
        ENDED(at, kind, data, i, length);
    }
    if (i == length) {
        return 0;
    }
    /* (from a 'İ' or a capital sigma on: the text lowered by Python, from its start) */
    for (Py_ssize_t k = i; k < length && !*untested; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        *untested = c == 0x130 || c == 0x131 || c == 0x17f;
    }
    PyObject *lower = PyObject_CallMethod(text, "lower", NULL);
    if (lower == NULL) {
        return -1;
    }
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(lower, &n);
    if (s == NULL) { /* a lone surrogate: one substring test a word (needs untested) */
        PyErr_Clear();
        *untested = 1;
        for (Py_ssize_t w = 0; w < p->n_words; w++) {
            int found = PyUnicode_Contains(lower, PyList_GET_ITEM(p->words, w));
            if (found < 0) {
                Py_DECREF(lower);
                return -1;
            }
            if (found) {
                or_bits(mask, p->word_rules + w * n64, n64);
            }
        }
        Py_DECREF(lower);
        return 0;
    }
    int32_t row = p->start;
    for (Py_ssize_t i = 0; i < n; i++) {
        row = go[row + p->cls[(unsigned char)s[i]]];
        ENDED(row, 0, s, i, n);
    }
    Py_DECREF(lower);
    return 0;
#undef ENDED
}

/* Scope.admits of rule ``r``'s static scope. */
static int
admits(const StaticScope *s, Py_ssize_t index, Py_ssize_t total, Py_ssize_t length,
       PyObject *kind)
{
    if (s->max_chars >= 0 && length > s->max_chars) {
        return 0;
    }
    if (s->top >= 0 && index >= s->top) {
        return 0;
    }
    if (s->bottom >= 0 && index < total - s->bottom) {
        return 0;
    }
    if (s->has_after && (double)index < s->after * (double)total) {
        return 0;
    }
    if (s->kinds == NULL) {
        return 1;
    }
    return PySet_Contains(s->kinds, kind);
}

/* The rules, in order, that block ``index`` (``text``, ``kind``) of ``total`` meets, of those
 * numbered past ``after`` (-1: all): a tuple. */
static PyObject *
block_rules(const Plan *p, PyObject *text, PyObject *kind, Py_ssize_t index, Py_ssize_t total,
            Py_ssize_t after, uint64_t *mask)
{
    Py_ssize_t n64 = p->n64;
    memcpy(mask, p->ungated, sizeof(uint64_t) * (size_t)n64);
    int untested;
    if (words_in(p, text, mask, &untested) < 0) {
        return NULL;
    }
    /* a rule lacking every word of a clause of its needed words is not tried */
    for (Py_ssize_t k = 0; k < p->n_needy && !untested; k++) {
        Py_ssize_t r = p->needy[k];
        if (!(mask[r >> 6] >> (r & 63) & 1)) {
            continue;
        }
        for (Py_ssize_t c = p->clause_start[r]; c < p->clause_start[r + 1]; c++) {
            if (!(mask[c >> 6] >> (c & 63) & 1)) {
                mask[r >> 6] &= ~((uint64_t)1 << (r & 63));
                break;
            }
        }
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (PyDict_GET_SIZE(p->phrases) > 0 && phrase_may(p, text)) {
        PyObject *key = short_key(text, p->longest_phrase, 0);
        if (key == NULL) {
            return NULL;
        }
        if (key != Py_None) {
            PyObject *number = PyDict_GetItemWithError(p->phrases, key); /* borrowed */
            if (number == NULL && PyErr_Occurred()) {
                Py_DECREF(key);
                return NULL;
            }
            if (number != NULL) {
                Py_ssize_t n = PyLong_AsSsize_t(number);
                if (n < 0) {
                    Py_DECREF(key);
                    if (!PyErr_Occurred()) {
                        PyErr_SetString(PyExc_ValueError, "plan: a negative phrase number");
                    }
                    return NULL;
                }
                or_bits(mask, p->phrase_rules + n * n64, n64);
            }
        }
        Py_DECREF(key);
    }
    if (p->shut != NULL || p->shut_end != NULL || p->n_paired > 0) {
        /* the stripped text's first, second and last characters (str.strip's spaces) */
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        Py_ssize_t i = 0, j = length - 1;
        while (i < length && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        while (j > i && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j))) {
            j--;
        }
        if (i < length) {
            Py_UCS4 first = PyUnicode_READ(kind, data, i), last = PyUnicode_READ(kind, data, j);
            if (p->shut != NULL && first < 256) {
                const uint64_t *shut = p->shut + first * n64;
                for (Py_ssize_t k = 0; k < n64; k++) {
                    mask[k] &= ~shut[k];
                }
            }
            if (p->shut_end != NULL && last < 256) {
                const uint64_t *shut = p->shut_end + last * n64;
                for (Py_ssize_t k = 0; k < n64; k++) {
                    mask[k] &= ~shut[k];
                }
            }
            if (p->n_paired > 0 && j > i && first < 256) {
                Py_UCS4 second = PyUnicode_READ(kind, data, i + 1);
                if (second < 256) {
                    for (Py_ssize_t k = 0; k < p->n_paired; k++) {
                        Py_ssize_t r = p->paired[k];
                        const uint64_t *row = p->pairs + k * 1024 + first * 4;
                        if (!(row[second >> 6] >> (second & 63) & 1)) {
                            mask[r >> 6] &= ~((uint64_t)1 << (r & 63));
                        }
                    }
                }
            }
        }
    }
    for (Py_ssize_t r = 0; r <= after && r < p->n_rules; r += 64) {
        Py_ssize_t k = r >> 6;
        mask[k] &= after - r >= 63 ? 0 : ~(((uint64_t)1 << (after - r + 1)) - 1);
    }
    PyObject *chosen[64 * 8];
    Py_ssize_t count = 0;
    PyObject **found = chosen;
    PyObject **heap = NULL;
    if (p->n_rules > (Py_ssize_t)(sizeof chosen / sizeof chosen[0])) {
        heap = PyMem_Malloc(sizeof(PyObject *) * (size_t)p->n_rules);
        if (heap == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        found = heap;
    }
    for (Py_ssize_t k = 0; k < n64; k++) {
        uint64_t bits = mask[k];
        while (bits) {
            Py_ssize_t r = k * 64 + __builtin_ctzll(bits);
            bits &= bits - 1;
            if (r >= p->n_rules) { /* a clause's bit */
                break;
            }
            int ok = admits(&p->scopes[r], index, total, length, kind);
            if (ok < 0) {
                PyMem_Free(heap);
                return NULL;
            }
            if (ok) {
                found[count++] = PyTuple_GET_ITEM(p->rules, r);
            }
        }
    }
    PyObject *result;
    if (count == 0) {
        Py_INCREF(C.empty_tuple);
        result = C.empty_tuple;
    }
    else {
        result = PyTuple_New(count);
        if (result != NULL) {
            for (Py_ssize_t i = 0; i < count; i++) {
                Py_INCREF(found[i]);
                PyTuple_SET_ITEM(result, i, found[i]);
            }
        }
    }
    PyMem_Free(heap);
    return result;
}

static Plan *
plan_of(PyObject *capsule)
{
    return (Plan *)PyCapsule_GetPointer(capsule, CAPSULE_NAME);
}

/* The text and kind of a block, as new references. */
static int
text_and_kind(PyObject *block, PyObject **text, PyObject **kind)
{
    *text = PyObject_GetAttr(block, C.text);
    if (*text == NULL) {
        return -1;
    }
    *kind = PyObject_GetAttr(block, C.kind);
    if (*kind == NULL) {
        Py_CLEAR(*text);
        return -1;
    }
    if (!PyUnicode_Check(*text)) {
        PyErr_SetString(PyExc_TypeError, "a block's text must be a str");
        Py_CLEAR(*text);
        Py_CLEAR(*kind);
        return -1;
    }
    return 0;
}

/* candidates(plan, blocks) -> list of tuples of rules: each block's. */
static PyObject *
candidates(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (!C.ready) {
        PyErr_SetString(PyExc_RuntimeError, "_cengine: configure() first");
        return NULL;
    }
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "candidates() takes 2 arguments");
        return NULL;
    }
    Plan *p = plan_of(args[0]);
    if (p == NULL) {
        return NULL;
    }
    PyObject *blocks = PySequence_Fast(args[1], "candidates: blocks must be a sequence");
    if (blocks == NULL) {
        return NULL;
    }
    Py_ssize_t total = PySequence_Fast_GET_SIZE(blocks);
    PyObject *result = PyList_New(total);
    uint64_t *mask = PyMem_Malloc(sizeof(uint64_t) * (size_t)p->n64);
    if (result == NULL || mask == NULL) {
        Py_XDECREF(result);
        Py_DECREF(blocks);
        PyMem_Free(mask);
        return result == NULL ? NULL : PyErr_NoMemory();
    }
    for (Py_ssize_t index = 0; index < total; index++) {
        PyObject *text, *kind;
        if (text_and_kind(PySequence_Fast_GET_ITEM(blocks, index), &text, &kind) < 0) {
            goto fail;
        }
        PyObject *rules = block_rules(p, text, kind, index, total, -1, mask);
        Py_DECREF(text);
        Py_DECREF(kind);
        if (rules == NULL) {
            goto fail;
        }
        PyList_SET_ITEM(result, index, rules);
    }
    PyMem_Free(mask);
    Py_DECREF(blocks);
    return result;
fail:
    PyMem_Free(mask);
    Py_DECREF(blocks);
    Py_DECREF(result);
    return NULL;
}

/* rules_after(plan, text, kind, index, total, after) -> tuple of rules: those numbered past
 * ``after`` that block ``index`` of ``total`` meets with ``text`` and ``kind`` (a block a cut
 * left shorter, tried on by the rules after the one that cut it). */
static PyObject *
rules_after(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (!C.ready) {
        PyErr_SetString(PyExc_RuntimeError, "_cengine: configure() first");
        return NULL;
    }
    if (nargs != 6 || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError,
                        "rules_after(plan, text: str, kind, index, total, after) expected");
        return NULL;
    }
    Plan *p = plan_of(args[0]);
    if (p == NULL) {
        return NULL;
    }
    Py_ssize_t index = PyLong_AsSsize_t(args[3]);
    Py_ssize_t total = index == -1 && PyErr_Occurred() ? -1 : PyLong_AsSsize_t(args[4]);
    Py_ssize_t after = total == -1 && PyErr_Occurred() ? -1 : PyLong_AsSsize_t(args[5]);
    if (after == -1 && PyErr_Occurred()) {
        return NULL;
    }
    uint64_t *mask = PyMem_Malloc(sizeof(uint64_t) * (size_t)p->n64);
    if (mask == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *rules = block_rules(p, args[1], args[2], index, total, after < -1 ? -1 : after, mask);
    PyMem_Free(mask);
    return rules;
}

/* signature_keys(blocks, limit, max_chars[, signatures]) -> frozenset: the short_key(limit) of
 * each block of at most max_chars characters, where it is not None (apply._signature_keys) —
 * but for keys certainly longer than ``limit``, which no signature of that length can be; and,
 * where ``signatures`` (an iterable of str, or None for all keys) is given, but for the blocks
 * whose key cannot be one of them by its first and last characters (ends_may): the keys
 * returned then hold every signature among the Python's, and a set of others. On the seeds,
 * 40 short blocks of 46.5 a document were keyed, up to the longest signature's 139 characters,
 * for the one pack's three signatures (short_key 83 -> 35 thousand instructions a document). */
static PyObject *
signature_keys(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (!C.ready) {
        PyErr_SetString(PyExc_RuntimeError, "_cengine: configure() first");
        return NULL;
    }
    if (nargs != 3 && nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "signature_keys() takes 3 or 4 arguments");
        return NULL;
    }
    Py_ssize_t limit = PyLong_AsSsize_t(args[1]);
    if (limit == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t max_chars = PyLong_AsSsize_t(args[2]);
    if (max_chars == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (limit < 0) {
        PyErr_SetString(PyExc_ValueError, "signature_keys: a negative limit");
        return NULL;
    }
    /* the signatures' first and last characters (add_ends), where they are given */
    uint64_t ends[128 * 2];
    int filtered = nargs == 4 && args[3] != Py_None, empty = 0;
    if (filtered) {
        memset(ends, 0, sizeof ends);
        PyObject *signatures = PyObject_GetIter(args[3]);
        if (signatures == NULL) {
            return NULL;
        }
        PyObject *signature;
        while ((signature = PyIter_Next(signatures)) != NULL) {
            int bad = add_ends(signature, ends, &empty, "signature_keys: a signature");
            Py_DECREF(signature);
            if (bad < 0) {
                Py_DECREF(signatures);
                return NULL;
            }
        }
        Py_DECREF(signatures);
        if (PyErr_Occurred()) {
            return NULL;
        }
    }
    PyObject *blocks = PySequence_Fast(args[0], "signature_keys: blocks must be a sequence");
    if (blocks == NULL) {
        return NULL;
    }
    PyObject *keys = PySet_New(NULL);
    if (keys == NULL) {
        Py_DECREF(blocks);
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(blocks);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text, *kind;
        if (text_and_kind(PySequence_Fast_GET_ITEM(blocks, i), &text, &kind) < 0) {
            goto fail;
        }
        Py_DECREF(kind);
        if (PyUnicode_GET_LENGTH(text) > max_chars || (filtered && !ends_may(ends, empty, text))) {
            Py_DECREF(text);
            continue;
        }
        PyObject *key = short_key(text, limit, 0);
        Py_DECREF(text);
        if (key == NULL) {
            goto fail;
        }
        if (key != Py_None && PySet_Add(keys, key) < 0) {
            Py_DECREF(key);
            goto fail;
        }
        Py_DECREF(key);
    }
    Py_DECREF(blocks);
    PyObject *frozen = PyFrozenSet_New(keys);
    Py_DECREF(keys);
    return frozen;
fail:
    Py_DECREF(blocks);
    Py_DECREF(keys);
    return NULL;
}

/* key(text, limit, exact): short_key as computed here (for the tests): exact, BlockView(text)
 * .short_key(limit); else None for a key certainly longer than the limit too. */
static PyObject *
key(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (!C.ready) {
        PyErr_SetString(PyExc_RuntimeError, "_cengine: configure() first");
        return NULL;
    }
    if (nargs != 3 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "key(text: str, limit: int, exact: bool)");
        return NULL;
    }
    Py_ssize_t limit = PyLong_AsSsize_t(args[1]);
    if (limit == -1 && PyErr_Occurred()) {
        return NULL;
    }
    int exact = PyObject_IsTrue(args[2]);
    if (exact < 0) {
        return NULL;
    }
    return short_key(args[0], limit < 0 ? -1 : limit, exact);
}

/* configure(edge_punct, enclosers, line_key, short_key): model.py's constants and helpers. */
static PyObject *
configure(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])
        || !PyCallable_Check(args[2]) || !PyCallable_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "configure(edge_punct: str, enclosers: tuple, line_key, short_key)");
        return NULL;
    }
    memset(C.edge, 0, sizeof C.edge);
    C.n_wide_edge = 0;
    Py_ssize_t n = PyUnicode_GET_LENGTH(args[0]);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(args[0], i);
        if (c < 128) {
            C.edge[c] = 1;
        }
        else if (C.n_wide_edge < 32) {
            C.wide_edge[C.n_wide_edge++] = c;
        }
        else {
            PyErr_SetString(PyExc_ValueError, "configure: more than 32 edge marks outside ASCII");
            return NULL;
        }
    }
    Py_ssize_t pairs = PyTuple_GET_SIZE(args[1]);
    if (pairs > 8) {
        PyErr_SetString(PyExc_ValueError, "configure: more than 8 enclosers");
        return NULL;
    }
    for (Py_ssize_t e = 0; e < pairs; e++) {
        PyObject *pair = PyTuple_GET_ITEM(args[1], e);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "configure: an encloser is a pair");
            return NULL;
        }
        for (int k = 0; k < 2; k++) {
            PyObject *mark = PyTuple_GET_ITEM(pair, k);
            if (!PyUnicode_Check(mark) || PyUnicode_GET_LENGTH(mark) != 1
                || PyUnicode_READ_CHAR(mark, 0) >= 128) {
                PyErr_SetString(PyExc_ValueError, "configure: an encloser is one ASCII mark");
                return NULL;
            }
            C.enclosers[e][k] = (char)PyUnicode_READ_CHAR(mark, 0);
        }
    }
    C.n_enclosers = (int)pairs;
    Py_INCREF(args[2]);
    Py_XSETREF(C.line_key, args[2]);
    Py_INCREF(args[3]);
    Py_XSETREF(C.short_key, args[3]);
    if (C.text == NULL) {
        C.text = PyUnicode_InternFromString("text");
        C.kind = PyUnicode_InternFromString("kind");
        C.rule = PyUnicode_InternFromString("rule");
        C.score = PyUnicode_InternFromString("score");
        C.empty_tuple = PyTuple_New(0);
        if (C.text == NULL || C.kind == NULL || C.rule == NULL || C.score == NULL
            || C.empty_tuple == NULL) {
            return NULL;
        }
    }
    C.ready = 1;
    Py_RETURN_NONE;
}

/* removal(cls, rule, text, score) -> cls(rule, text, score) for article.Removal, a frozen
 * slotted dataclass: the object allocated and its three slots set as its __init__ sets them
 * (object.__setattr__, past the frozen class's own), without the Python frame and the three
 * calls through the slot wrapper (6,160 instructions a removal, tail32; 21.5 removals a seed
 * document where they are asked for, the rules' and the passes'). */
static PyObject *
removal(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyType_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "removal(cls, rule, text, score)");
        return NULL;
    }
    if (!C.ready) {
        PyErr_SetString(PyExc_RuntimeError, "_cengine: configure() first");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)args[0];
    PyObject *made = type->tp_alloc(type, 0);
    if (made == NULL) {
        return NULL;
    }
    if (PyObject_GenericSetAttr(made, C.rule, args[1]) < 0
        || PyObject_GenericSetAttr(made, C.text, args[2]) < 0
        || PyObject_GenericSetAttr(made, C.score, args[3]) < 0) {
        Py_DECREF(made);
        return NULL;
    }
    return made;
}

static PyMethodDef methods[] = {
    {"configure", (PyCFunction)(void (*)(void))configure, METH_FASTCALL,
     "configure(edge_punct, enclosers, line_key, short_key): model.py's, once a process."},
    {"plan", (PyCFunction)(void (*)(void))make_plan, METH_FASTCALL,
     "plan(rules, words, word_rules, phrases, phrase_rules, ungated, scopes, longest_phrase)"
     " -> a plan for candidates()."},
    {"candidates", (PyCFunction)(void (*)(void))candidates, METH_FASTCALL,
     "candidates(plan, blocks) -> each block's rules, their static scopes applied."},
    {"rules_after", (PyCFunction)(void (*)(void))rules_after, METH_FASTCALL,
     "rules_after(plan, text, kind, index, total, after) -> the rules past ``after`` a block"
     " meets."},
    {"signature_keys", (PyCFunction)(void (*)(void))signature_keys, METH_FASTCALL,
     "signature_keys(blocks, limit, max_chars[, signatures]) -> the short keys of the page's short "
     "blocks (that may be one of the signatures)."},
    {"removal", (PyCFunction)(void (*)(void))removal, METH_FASTCALL,
     "removal(cls, rule, text, score) -> article.Removal(rule, text, score), made here."},
    {"key", (PyCFunction)(void (*)(void))key, METH_FASTCALL,
     "key(text, limit, exact) -> BlockView(text).short_key(limit), computed here."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_cengine",
    "The rule engine's per-page work, compiled: see cleaner.engine.compiled.", -1, methods,
};

PyMODINIT_FUNC
PyInit__cengine(void)
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
