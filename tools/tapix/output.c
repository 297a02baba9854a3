/*
 * output.c — everything the tool prints goes through here: records on stdout, one line each,
 * as text for people or as NDJSON (one JSON object per line) for scripts, and errors on
 * stderr.
 *
 * A record is a type and a list of typed fields. The text form is "TYPE  key=value NAME ...":
 * handles in hexadecimal, constants by their short names, masks as A|B. The JSON form keeps
 * every number as a number and adds the names beside it ("state":256,"state_name":
 * "CONNECTED"; "media":4,"media_names":["INTERACTIVEVOICE"]), so a script may use either.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void record_init(struct record *r, const char *type)
{
    r->type = type;
    r->multiline = false;
    r->text[0] = '\0';
    r->n = 0;
}

/* The next free field of r, zeroed, or NULL when r is full. */
static struct field *record_add(struct record *r, const char *key, enum field_kind kind)
{
    struct field *f;

    if (r->n >= RECORD_FIELDS)
        return NULL;
    f = &r->f[r->n++];
    memset(f, 0, sizeof *f);
    f->key = key;
    f->kind = kind;
    return f;
}

void record_uint(struct record *r, const char *key, DWORD v)
{
    struct field *f = record_add(r, key, FIELD_UINT);

    if (f)
        f->value = v;
}

void record_int(struct record *r, const char *key, LONG v)
{
    struct field *f = record_add(r, key, FIELD_INT);

    if (f)
        f->value = (DWORD)v;
}

void record_hex(struct record *r, const char *key, DWORD v)
{
    struct field *f = record_add(r, key, FIELD_HEX);

    if (f)
        f->value = v;
}

void record_raw(struct record *r, const char *key, DWORD v)
{
    struct field *f = record_add(r, key, FIELD_UINT);

    if (f) {
        f->value = v;
        f->json_only = true;
    }
}

void record_str(struct record *r, const char *key, const char *text)
{
    struct field *f = record_add(r, key, FIELD_STRING);

    if (f)
        f->text = text ? text : "";
}

void record_enum(struct record *r, const char *key, enum names_family fam, DWORD v, bool bare)
{
    struct field *f = record_add(r, key, FIELD_ENUM);

    if (f) {
        f->value = v;
        f->family = fam;
        f->bare = bare;
    }
}

void record_flags(struct record *r, const char *key, enum names_family fam, DWORD v)
{
    struct field *f = record_add(r, key, FIELD_FLAGS);

    if (f) {
        f->value = v;
        f->family = fam;
    }
}

/* Writes s as a JSON string (quotes included) to out. */
static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out); /* UTF-8 passes through */
    }
    fputc('"', out);
}

/* Writes the JSON array of the names of the flags of mask v in family fam. */
static void json_flag_names(FILE *out, enum names_family fam, DWORD v)
{
    char buf[1024];
    char *save = NULL;
    bool first = true;

    fputc('[', out);
    if (v) {
        names_flags(fam, v, buf, sizeof buf);
        for (char *tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
            if (!first)
                fputc(',', out);
            json_string(out, tok);
            first = false;
        }
    }
    fputc(']', out);
}

/* Prints r as one JSON object on one line. */
static void out_json(const struct record *r)
{
    fputs("{\"type\":", stdout);
    json_string(stdout, r->type);
    for (int i = 0; i < r->n; i++) {
        const struct field *f = &r->f[i];
        const char *name;

        printf(",\"%s\":", f->key);
        switch (f->kind) {
        case FIELD_INT:
            printf("%ld", (long)(LONG)f->value);
            break;
        case FIELD_STRING:
            json_string(stdout, f->text);
            break;
        case FIELD_ENUM:
            printf("%lu,\"%s_name\":", (unsigned long)f->value, f->key);
            name = names_short(f->family, f->value);
            if (name)
                json_string(stdout, name);
            else
                fputs("null", stdout);
            break;
        case FIELD_FLAGS:
            printf("%lu,\"%s_names\":", (unsigned long)f->value, f->key);
            json_flag_names(stdout, f->family, f->value);
            break;
        default:
            printf("%lu", (unsigned long)f->value);
            break;
        }
    }
    fputs("}\n", stdout);
}

/* Prints the text form of string s: bare when it is a plain word, else quoted. */
static void out_text_string(const char *s)
{
    if (*s && !strpbrk(s, " \t\"=|"))
        fputs(s, stdout);
    else {
        putchar('"');
        for (; *s; s++)
            printf(*s == '"' || *s == '\\' ? "\\%c" : "%c", *s);
        putchar('"');
    }
}

/* Prints r as text: one line, or the type and one line per field when r->multiline. */
static void out_text(const struct record *r)
{
    int col = printf("%s", r->type);
    char buf[1024];

    if (!r->multiline) {
        do
            putchar(' ');
        while (++col < 18);
    }
    for (int i = 0, printed = 0; i < r->n; i++) {
        const struct field *f = &r->f[i];
        const char *name;

        if (f->json_only)
            continue;
        if (r->multiline)
            printf("\n  %-30s ", f->key);
        else if (printed++)
            putchar(' ');
        if (!f->bare && !r->multiline)
            printf("%s=", f->key);
        switch (f->kind) {
        case FIELD_UINT:
            printf("%lu", (unsigned long)f->value);
            break;
        case FIELD_INT:
            printf("%ld", (long)(LONG)f->value);
            break;
        case FIELD_HEX:
            printf("0x%lx", (unsigned long)f->value);
            break;
        case FIELD_STRING:
            out_text_string(f->text);
            break;
        case FIELD_ENUM:
            name = names_short(f->family, f->value);
            if (name)
                fputs(name, stdout);
            else
                printf("0x%lx", (unsigned long)f->value);
            break;
        case FIELD_FLAGS:
            fputs(names_flags(f->family, f->value, buf, sizeof buf), stdout);
            break;
        }
    }
    putchar('\n');
    if (r->multiline)
        putchar('\n'); /* a blank line between blocks */
}

void out_record(const struct cli *cli, const struct record *r)
{
    if (cli->json)
        out_json(r);
    else
        out_text(r);
    fflush(stdout);
}

int out_error(const struct cli *cli, const char *fn, LONG rc)
{
    struct record r;

    fprintf(stderr, "tapix: %s: %s\n", fn, names_error(rc));
    if (cli->json) {
        record_init(&r, "error");
        record_str(&r, "function", fn);
        record_int(&r, "error", rc);
        record_str(&r, "error_name", names_error(rc));
        out_record(cli, &r);
    }
    return CLI_EXIT_FAILED;
}

int out_fail(const struct cli *cli, int status, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    struct record r;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "tapix: %s\n", msg);
    if (cli->json) {
        record_init(&r, "error");
        record_str(&r, "message", msg);
        record_uint(&r, "exit", (DWORD)status);
        out_record(cli, &r);
    }
    return status;
}
