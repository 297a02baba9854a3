/*
 * config.h — tapix's configuration: INI files read into sections of settings, each setting
 * remembering the file and line it came from so that every later error can name them.
 *
 * Sections: `[provider NAME]` or `[provider NAME "INSTANCE"]` (one provider instance each, in
 * device-ID order), `[location "NAME"]` (dialing rules), `[server]` and `[acl]` (read by
 * tapixd; the embedded core accepts and ignores them).
 */
#ifndef TAPIX_CONFIG_H
#define TAPIX_CONFIG_H

#include <stddef.h>

struct config_setting {
    char *key;
    char *value;
    unsigned line;
};

struct config_section {
    char *kind;     /* "provider", "location", "server", "acl" */
    char *name;     /* provider name or location name; "" when absent */
    char *instance; /* provider instance; "" when absent */
    unsigned line;
    struct config_setting *settings;
    size_t num_settings;
};

struct config {
    char *file; /* where it came from, or "<built-in>" */
    struct config_section *sections;
    size_t num_sections;
};

/** The configuration used when no file is found: the sim provider with its defaults. */
extern const char config_builtin_text[];

/**
 * Parses INI text. `file` names the source in messages. Returns 0 and a new config in *cfgp,
 * or -1 with "file:line: what is wrong" in err.
 */
int config_parse_text(const char *text, const char *file, struct config **cfgp, char *err,
                      size_t errlen);

/**
 * Loads the configuration the way an application expects: the file TAPIX_CONFIG names, else
 * $XDG_CONFIG_HOME/tapix/tapix.conf (or ~/.config/…), else /etc/tapix/tapix.conf, else the
 * built-in default. `override_text`, when not NULL, is used instead of all of them.
 * Returns 0, or -1 with a message in err (a named file that cannot be read is an error).
 */
int config_load(const char *override_text, struct config **cfgp, char *err, size_t errlen);

/** Frees a configuration. NULL is fine. */
void config_free(struct config *cfg);

#endif
