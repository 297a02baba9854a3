/*
 * ndjson_check.c — checks that its standard input is NDJSON, for the tests of `tapix --json`:
 * every line one complete JSON object (RFC 8259 syntax, strictly: no trailing commas, no bare
 * words but true/false/null, strings with valid escapes and no raw control characters).
 *
 * Usage: ndjson_check [MIN [MAX]] — also requires at least MIN (and at most MAX) objects.
 * Prints the number of objects; on the first bad line prints "line N: <why>" and exits 1.
 * No dependency beyond libc, so the tests need neither python nor jq.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
    const char *p;
    const char *why;
    int depth;
};

static int parse_value(struct parser *ps);

/* Skips JSON whitespace. */
static void skip_ws(struct parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r')
        ps->p++;
}

/* Fails with a reason; returns -1. */
static int fail(struct parser *ps, const char *why)
{
    if (!ps->why)
        ps->why = why;
    return -1;
}

/* A string, the opening quote at ps->p. */
static int parse_string(struct parser *ps)
{
    ps->p++;
    for (;;) {
        unsigned char c = (unsigned char)*ps->p++;

        if (c == '"')
            return 0;
        if (c == '\0')
            return fail(ps, "unterminated string");
        if (c < 0x20)
            return fail(ps, "control character in a string");
        if (c != '\\')
            continue;
        c = (unsigned char)*ps->p++;
        if (c == 'u') {
            for (int i = 0; i < 4; i++)
                if (!isxdigit((unsigned char)*ps->p++))
                    return fail(ps, "bad \\u escape");
        } else if (!strchr("\"\\/bfnrt", c) || c == '\0') {
            return fail(ps, "bad escape");
        }
    }
}

/* A number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int parse_number(struct parser *ps)
{
    if (*ps->p == '-')
        ps->p++;
    if (*ps->p == '0')
        ps->p++;
    else if (isdigit((unsigned char)*ps->p))
        while (isdigit((unsigned char)*ps->p))
            ps->p++;
    else
        return fail(ps, "bad number");
    if (*ps->p == '.') {
        ps->p++;
        if (!isdigit((unsigned char)*ps->p))
            return fail(ps, "bad fraction");
        while (isdigit((unsigned char)*ps->p))
            ps->p++;
    }
    if (*ps->p == 'e' || *ps->p == 'E') {
        ps->p++;
        if (*ps->p == '+' || *ps->p == '-')
            ps->p++;
        if (!isdigit((unsigned char)*ps->p))
            return fail(ps, "bad exponent");
        while (isdigit((unsigned char)*ps->p))
            ps->p++;
    }
    return 0;
}

/* An object or array, the opening bracket at ps->p. */
static int parse_container(struct parser *ps, char close)
{
    if (++ps->depth > 64)
        return fail(ps, "nested too deeply");
    ps->p++;
    skip_ws(ps);
    if (*ps->p == close) {
        ps->p++;
        ps->depth--;
        return 0;
    }
    for (;;) {
        skip_ws(ps);
        if (close == '}') {
            if (*ps->p != '"')
                return fail(ps, "expected a member name");
            if (parse_string(ps))
                return -1;
            skip_ws(ps);
            if (*ps->p++ != ':')
                return fail(ps, "expected ':'");
        }
        if (parse_value(ps))
            return -1;
        skip_ws(ps);
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p++ != close)
            return fail(ps, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
        ps->depth--;
        return 0;
    }
}

static int parse_value(struct parser *ps)
{
    skip_ws(ps);
    switch (*ps->p) {
    case '{':
        return parse_container(ps, '}');
    case '[':
        return parse_container(ps, ']');
    case '"':
        return parse_string(ps);
    case 't':
        return strncmp(ps->p, "true", 4) ? fail(ps, "bad literal") : (ps->p += 4, 0);
    case 'f':
        return strncmp(ps->p, "false", 5) ? fail(ps, "bad literal") : (ps->p += 5, 0);
    case 'n':
        return strncmp(ps->p, "null", 4) ? fail(ps, "bad literal") : (ps->p += 4, 0);
    default:
        return parse_number(ps);
    }
}

int main(int argc, char **argv)
{
    long min = argc > 1 ? atol(argv[1]) : 1;
    long max = argc > 2 ? atol(argv[2]) : -1;
    char line[65536];
    long lineno = 0, objects = 0;

    while (fgets(line, sizeof line, stdin)) {
        struct parser ps = {line, NULL, 0};
        size_t len = strlen(line);

        lineno++;
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        else if (!feof(stdin)) {
            printf("line %ld: longer than %zu bytes\n", lineno, sizeof line);
            return 1;
        }
        skip_ws(&ps);
        if (*ps.p != '{') {
            printf("line %ld: not a JSON object: %s\n", lineno, line);
            return 1;
        }
        if (parse_value(&ps) == 0) {
            skip_ws(&ps);
            if (*ps.p)
                ps.why = "text after the object";
        }
        if (ps.why) {
            printf("line %ld: %s at column %ld: %s\n", lineno, ps.why, (long)(ps.p - line) + 1,
                   line);
            return 1;
        }
        objects++;
    }
    printf("%ld objects\n", objects);
    if (objects < min || (max >= 0 && objects > max)) {
        printf("expected %ld to %ld objects\n", min, max);
        return 1;
    }
    return 0;
}
