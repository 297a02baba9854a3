/*
 * test_config.c — reading tapix.conf: sections with and without settings, instance names,
 * line numbers kept for every setting, and each kind of bad input answered with file:line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

static struct config *parse_ok(const char *text)
{
    struct config *cfg = NULL;
    char err[256] = "";
    int rc = config_parse_text(text, "test.conf", &cfg, err, sizeof(err));
    if (rc != 0)
        fail_msg("unexpected error: %s", err);
    return cfg;
}

static void parse_fails_with(const char *text, const char *expected)
{
    struct config *cfg = NULL;
    char err[256] = "";
    assert_int_equal(config_parse_text(text, "test.conf", &cfg, err, sizeof(err)), -1);
    assert_null(cfg);
    if (!strstr(err, expected))
        fail_msg("error '%s' does not contain '%s'", err, expected);
}

static void sections_and_settings_keep_their_lines(void **state)
{
    (void)state;
    struct config *cfg = parse_ok("; comment\n"
                                  "[provider sim]\n"
                                  "extensions = 101-104\n"
                                  "\n"
                                  "outside.default = answer 10 ; inline comment\n"
                                  "[provider sip \"office\"]\n"
                                  "[location \"Home\"]\n"
                                  "country = 44\n");
    assert_int_equal(cfg->num_sections, 3);
    struct config_section *sim = &cfg->sections[0];
    assert_string_equal(sim->kind, "provider");
    assert_string_equal(sim->name, "sim");
    assert_string_equal(sim->instance, "");
    assert_int_equal(sim->line, 2);
    assert_int_equal(sim->num_settings, 2);
    assert_string_equal(sim->settings[0].key, "extensions");
    assert_string_equal(sim->settings[0].value, "101-104");
    assert_int_equal(sim->settings[0].line, 3);
    assert_string_equal(sim->settings[1].value, "answer 10");
    assert_int_equal(sim->settings[1].line, 5);
    struct config_section *sip = &cfg->sections[1];
    assert_string_equal(sip->name, "sip");
    assert_string_equal(sip->instance, "office");
    assert_int_equal(sip->num_settings, 0);
    struct config_section *home = &cfg->sections[2];
    assert_string_equal(home->kind, "location");
    assert_string_equal(home->name, "Home");
    assert_int_equal(home->settings[0].line, 8);
    config_free(cfg);
}

static void built_in_default_loads_the_sim(void **state)
{
    (void)state;
    struct config *cfg = parse_ok(config_builtin_text);
    assert_int_equal(cfg->num_sections, 1);
    assert_string_equal(cfg->sections[0].kind, "provider");
    assert_string_equal(cfg->sections[0].name, "sim");
    config_free(cfg);
}

static void crlf_files_read_like_lf(void **state)
{
    (void)state;
    struct config *cfg = parse_ok("[provider sim]\r\nextensions = 101\r\n");
    assert_string_equal(cfg->sections[0].settings[0].value, "101");
    config_free(cfg);
}

static void bad_input_names_file_and_line(void **state)
{
    (void)state;
    parse_fails_with("extensions = 1\n", "test.conf:1: setting 'extensions' outside any section");
    parse_fails_with("[provider sim]\n[bogus]\n", "test.conf:2: unknown section [bogus]");
    parse_fails_with("[provider]\n",
                     "test.conf:1: section [provider]: the provider name is missing");
    parse_fails_with("[location]\n", "test.conf:1: section [location]: the name is missing");
    parse_fails_with("[provider sim \"office]\n",
                     "test.conf:1: section [provider sim \"office]: unbalanced quotes");
    parse_fails_with("[provider sim\n", "test.conf:1: section header without ']'");
    parse_fails_with("[provider sim]\nthis line has no equals sign\n", "test.conf:2: syntax error");
    char long_line[400];
    memset(long_line, 'x', sizeof(long_line));
    memcpy(long_line, "[provider sim]\nkey = ", 21);
    long_line[sizeof(long_line) - 1] = '\0';
    parse_fails_with(long_line, "test.conf:2: line longer than");
}

static void load_prefers_the_named_file(void **state)
{
    (void)state;
    char path[] = "/tmp/tapix-config-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("[provider custom]\n", f);
    fclose(f);
    setenv("TAPIX_CONFIG", path, 1);
    struct config *cfg = NULL;
    char err[256] = "";
    assert_int_equal(config_load(NULL, &cfg, err, sizeof(err)), 0);
    assert_string_equal(cfg->file, path);
    assert_string_equal(cfg->sections[0].name, "custom");
    config_free(cfg);
    /* Text given by the application wins over every file. */
    assert_int_equal(config_load("[provider given]\n", &cfg, err, sizeof(err)), 0);
    assert_string_equal(cfg->sections[0].name, "given");
    config_free(cfg);
    unlink(path);
    /* A named file that does not exist is an error, not a silent fallback. */
    assert_int_equal(config_load(NULL, &cfg, err, sizeof(err)), -1);
    assert_non_null(strstr(err, path));
    unsetenv("TAPIX_CONFIG");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sections_and_settings_keep_their_lines),
        cmocka_unit_test(built_in_default_loads_the_sim),
        cmocka_unit_test(crlf_files_read_like_lf),
        cmocka_unit_test(bad_input_names_file_and_line),
        cmocka_unit_test(load_prefers_the_named_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
