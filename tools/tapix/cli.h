/*
 * cli.h — private header of the tapix command-line tool, TAPI Browser's counterpart.
 *
 * The tool is a client of libtapix and nothing else: it includes only <tapix/tapi.h> and
 * <tapix/tapix.h>, as any application would. It is built from one file per concept:
 *   main.c      the command table, global options, dispatch
 *   args.c      option and argument parsing shared by every command
 *   output.c    records printed as human text or as NDJSON, errors on stderr
 *   message.c   a LINEMESSAGE or PHONEMESSAGE decoded into a record
 *   wait.c      a session: one line application, its message loop, calls it tracks
 *   names.c     the names of TAPI's constants (names.h)
 *   fetch.c     variable-size structures read whole, strings read safely
 *   devices.c   lines, phones, caps
 *   call.c      call, drop, hold, answer, digits
 *   transfer.c  transfer, conference
 *   monitor.c   monitor
 *   translate.c translate
 * Every command returns one of the CLI_EXIT_ codes below, which are the process's exit status.
 */
#ifndef TAPIX_CLI_H
#define TAPIX_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tapix/tapi.h>
#include <tapix/tapix.h>

#include "names.h"

/* Exit statuses; docs/tapix-cli.md and `tapix --help` describe them. */
#define CLI_EXIT_OK      0 /* the operation succeeded */
#define CLI_EXIT_FAILED  1 /* the telephony operation failed: busy, no answer, a LINEERR_ */
#define CLI_EXIT_USAGE   2 /* bad command line */
#define CLI_EXIT_INIT    3 /* lineInitializeEx failed (configuration, providers) */
#define CLI_EXIT_TIMEOUT 4 /* --timeout passed before the operation finished */

/* Not an exit status: the wait was ended by SIGINT or SIGTERM. */
#define CLI_STOPPED (-1)
/* Not an exit status: args_parse printed --help, the command returns CLI_EXIT_OK. */
#define CLI_HELP (-2)

/* API versions the tool negotiates; it knows every TAPI 2.x structure. */
#define CLI_API_LOW  0x00010004
#define CLI_API_HIGH 0x00020002

/* Options every command accepts. */
struct cli {
    bool json; /* --json: NDJSON on stdout instead of text */
};

/* ---- args.c ------------------------------------------------------------------------------ */

enum opt_kind {
    OPT_FLAG,   /* --name: sets a bool */
    OPT_MS,     /* --name MS: a duration in milliseconds (DWORD), 0 allowed */
    OPT_UINT,   /* --name N: a DWORD */
    OPT_STRING, /* --name TEXT: a const char * */
};

/* One option a command takes; a table of them ends with a zeroed entry. */
struct opt {
    const char *name; /* without the leading "--" */
    enum opt_kind kind;
    void *dest;  /* bool *, DWORD *, DWORD *, const char ** */
    bool *given; /* optional: set when the option was on the command line */
};

/* What a command is; its usage text is printed by --help and after usage errors. */
struct command {
    const char *name;
    int (*run)(struct cli *cli, const struct command *cmd, int argc, char **argv);
    const char *summary; /* one line for `tapix --help` */
    const char *usage;   /* the whole --help text of the command */
};

/*
 * Parses argv[1..argc-1] of command cmd: the options of table opts (NULL for none) plus --json
 * and --help, anywhere on the line, and the positional arguments, which are collected into
 * pos (at most pos_max of them). Returns CLI_EXIT_OK with *npos set, CLI_HELP after printing
 * the command's usage on stdout, or CLI_EXIT_USAGE after printing a message on stderr (also
 * when there are fewer than pos_min or more than pos_max positional arguments).
 */
int args_parse(struct cli *cli, const struct command *cmd, int argc, char **argv,
               const struct opt *opts, char **pos, int pos_min, int pos_max, int *npos);

/*
 * Checks that none of the n positional arguments is empty (an empty NUMBER would make
 * lineMakeCall open a call with dial tone and nothing more). Returns CLI_EXIT_OK or
 * CLI_EXIT_USAGE (reported).
 */
int args_nonempty(const struct command *cmd, char **pos, int n);

/* Prints "tapix CMD: <message>" and a pointer to --help on stderr; returns CLI_EXIT_USAGE. */
int args_usage_error(const struct command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- output.c ---------------------------------------------------------------------------- */

/* How one field of a record prints. */
enum field_kind {
    FIELD_UINT,   /* key=123 */
    FIELD_INT,    /* key=-5 */
    FIELD_HEX,    /* key=0x1f; a number in JSON */
    FIELD_STRING, /* key="text" */
    FIELD_ENUM,   /* one constant of a family: NAME (or key=NAME) and, in JSON, key_name */
    FIELD_FLAGS,  /* a mask of a family: key=A|B and, in JSON, key_names: [..] */
};

struct field {
    const char *key;
    enum field_kind kind;
    DWORD value;              /* UINT, HEX, ENUM, FLAGS; also INT as a LONG */
    const char *text;         /* STRING */
    enum names_family family; /* ENUM, FLAGS */
    bool bare;                /* human output prints the name alone, without "key=" */
    bool json_only;           /* human output leaves it out (raw parameters, times) */
};

#define RECORD_FIELDS 64

/* One thing the tool reports: a message, a device, a result. */
struct record {
    const char *type; /* first word of the human line; "type" in JSON */
    bool multiline;   /* human output: the type, then one "  key  value" line per field */
    char text[8];     /* room for a short string made while decoding (a digit) */
    struct field f[RECORD_FIELDS];
    int n;
};

/* Starts an empty one-line record of the given type. */
void record_init(struct record *r, const char *type);
/* Appends a field; fields past RECORD_FIELDS are dropped. text is not copied. */
void record_uint(struct record *r, const char *key, DWORD v);
void record_int(struct record *r, const char *key, LONG v);
void record_hex(struct record *r, const char *key, DWORD v);
void record_str(struct record *r, const char *key, const char *text);
void record_enum(struct record *r, const char *key, enum names_family f, DWORD v, bool bare);
void record_flags(struct record *r, const char *key, enum names_family f, DWORD v);
/* A number only --json shows (raw message parameters, times). */
void record_raw(struct record *r, const char *key, DWORD v);

/*
 * Prints record r on stdout as one line: "TYPE  field field ..." for people, or one JSON
 * object for --json (numbers as numbers, constants also by name). Flushes stdout.
 */
void out_record(const struct cli *cli, const struct record *r);

/*
 * Reports on stderr that TAPI function fn failed with rc: "tapix: fn: LINEERR_NAME". With
 * --json also prints {"type":"error",...} on stdout. Returns CLI_EXIT_FAILED.
 */
int out_error(const struct cli *cli, const char *fn, LONG rc);

/* Prints "tapix: <message>" on stderr (and as a JSON error record); returns status. */
int out_fail(const struct cli *cli, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- fetch.c ----------------------------------------------------------------------------- */

/*
 * The variable-size structures of one device, read whole: each returns a malloc'd structure
 * that the caller frees, or NULL with *rc set to the LINEERR_/PHONEERR_ code.
 */
LINEDEVCAPS *fetch_devcaps(HLINEAPP app, DWORD dev, DWORD version, LONG *rc);
LINEADDRESSCAPS *fetch_addrcaps(HLINEAPP app, DWORD dev, DWORD addr, DWORD version, LONG *rc);
PHONECAPS *fetch_phonecaps(HPHONEAPP app, DWORD dev, DWORD version, LONG *rc);
LINETRANSLATEOUTPUT *fetch_translate(HLINEAPP app, DWORD dev, DWORD version, const char *number,
                                     DWORD card, DWORD options, LONG *rc);

/*
 * Copies the string field (size, offset) of a variable-size structure into buf (len bytes,
 * NUL-terminated, cut to fit). An absent field, or one reaching past dwUsedSize, gives "".
 * Returns buf.
 */
const char *fetch_string(const void *structure, DWORD size, DWORD offset, char *buf, size_t len);

/* ---- message.c --------------------------------------------------------------------------- */

/* Decodes line message m into r: its name, handle and parameters with constants named. */
void message_line(const LINEMESSAGE *m, struct record *r);
/* The same for a phone message. */
void message_phone(const PHONEMESSAGE *m, struct record *r);

/* ---- wait.c ------------------------------------------------------------------------------ */

#define SESSION_CALLS   16 /* calls one session keeps track of */
#define SESSION_REPLIES 16 /* LINE_REPLYs kept until somebody waits for them */

/* What the session knows about one call from its messages. */
struct tracked_call {
    HCALL hcall;
    DWORD state;     /* last LINECALLSTATE_, 0 before the first LINE_CALLSTATE */
    DWORD detail;    /* its dwParam2: the disconnect mode, busy mode, ... */
    DWORD privilege; /* LINECALLPRIVILEGE_ given when the call was new to us */
    bool is_new;     /* reported to us by the switch, not yet taken by session_new_call */
};

/* One line application and everything that came from it. */
struct session {
    struct cli *cli;
    HLINEAPP app;
    int fd; /* the event handle's eventfd */
    DWORD ndevs;
    uint64_t deadline; /* monotonic ms after which waits end with CLI_EXIT_TIMEOUT; 0: never */
    uint64_t started;  /* monotonic ms at session_open */
    bool quiet;        /* do not print messages (commands that print their own results) */
    unsigned printed;  /* messages printed so far */
    struct tracked_call calls[SESSION_CALLS];
    struct {
        DWORD id;
        LONG result;
    } replies[SESSION_REPLIES];
    int nreplies;
};

/* Monotonic milliseconds. */
uint64_t now_ms(void);

/*
 * Initializes a line application (lineInitializeEx with an event handle). On failure prints
 * the LINEERR name and tapix_last_error() on stderr and returns CLI_EXIT_INIT; otherwise
 * CLI_EXIT_OK. Also installs the SIGINT/SIGTERM handlers that end waits with CLI_STOPPED.
 */
int session_open(struct session *s, struct cli *cli, const char *app_name);

/* lineShutdown; the session may not be used afterwards. Safe on a session that failed to open. */
void session_close(struct session *s);

/* Sets the deadline of every later wait to ms from now; 0 removes it. */
void session_timeout(struct session *s, DWORD ms);

/* Negotiates the API version for line device dev; returns 0 or the LINEERR_ code. */
LONG session_version(struct session *s, DWORD dev, DWORD *version);

/*
 * Resolves a LINE argument: a device ID below the number of lines, or else the address
 * (extension number) or name of a line. Returns CLI_EXIT_OK with *dev set, or CLI_EXIT_USAGE
 * after printing a message.
 */
int session_find_line(struct session *s, const char *arg, DWORD *dev);

/*
 * Waits for the next message until the deadline, then prints it (unless quiet) and updates
 * the calls and replies it tracks. Returns CLI_EXIT_OK with *m filled, CLI_EXIT_TIMEOUT,
 * CLI_STOPPED after a signal, or CLI_EXIT_FAILED when lineGetMessage fails. m may be NULL.
 */
int session_next(struct session *s, LINEMESSAGE *m);

/*
 * Completes asynchronous request rq of function fn: a negative rq is its error; otherwise
 * waits (printing messages) for its LINE_REPLY. Returns CLI_EXIT_OK when the request
 * succeeded, CLI_EXIT_FAILED after reporting the error, or a wait status (timeout, stopped).
 */
int session_request(struct session *s, const char *fn, LONG rq);

/*
 * Waits until call h is in one of the LINECALLSTATE_ states of mask (which may be its state
 * already). Returns CLI_EXIT_OK with *state set (state may be NULL) or a wait status.
 */
int session_wait_state(struct session *s, HCALL h, DWORD mask, DWORD *state);

/* The tracked call h, or NULL when no message has named it yet. */
struct tracked_call *session_call(struct session *s, HCALL h);

/*
 * Waits for a call the switch offers to this application (LINE_APPNEWCALL, or a LINE_CALLSTATE
 * for a call we did not know) and takes it. Returns CLI_EXIT_OK with *h set, or a wait status.
 */
int session_new_call(struct session *s, HCALL *h);

/*
 * Ends call h whatever its state: lineDrop unless it is IDLE, waits for IDLE (at most 5 s past
 * any deadline), then lineDeallocateCall. Returns CLI_EXIT_OK or CLI_EXIT_FAILED (reported).
 */
int session_hangup(struct session *s, HCALL h);

/* Sleeps ms, printing messages that come meanwhile; returns CLI_EXIT_OK or CLI_STOPPED. */
int session_pause(struct session *s, DWORD ms);

/* ---- call.c: the steps of the call commands, shared with transfer.c --------------------- */

/*
 * Turns the status of a wait into the command's status: says on stderr what timed out
 * (CLI_EXIT_TIMEOUT) or was stopped. Other statuses pass unchanged.
 */
int call_report(struct session *s, int rc, const char *waiting_for);

/* Opens LINE (session_find_line) with the given LINECALLPRIVILEGE_s; reports failures. */
int call_open_line(struct session *s, const char *line, DWORD privileges, HLINE *hline);

/* lineMakeCall and its LINE_REPLY; *hcall is 0 unless the call exists. Reports failures. */
int call_make(struct session *s, HLINE hline, const char *number, HCALL *hcall);

/*
 * Waits until call h is placed: RINGBACK or CONNECTED, only CONNECTED when connected is true.
 * Returns CLI_EXIT_OK, CLI_EXIT_FAILED when it ended instead (BUSY, DISCONNECTED and why:
 * reported), or a wait status (reported).
 */
int call_progress(struct session *s, HCALL h, bool connected);

/*
 * Starts a second application on the same core (dialer) that calls number from line, for the
 * commands that need traffic in a process of their own (answer --call-from, monitor --dial).
 * Its messages stay unread; session_close(dialer) ends the call. Reports failures.
 */
int call_from_second_app(struct session *dialer, struct cli *cli, const char *line,
                         const char *number);

/*
 * The start every call-placing command shares: parses opts and exactly n non-empty positional
 * arguments into pos, then opens the session name with the deadline *timeout (read after
 * parsing, since an option may set it). Returns CLI_EXIT_OK with the session open, or the exit
 * status to return (reported; nothing left open).
 */
int call_command_begin(struct session *s, struct cli *cli, const struct command *cmd, int argc,
                       char **argv, const struct opt *opts, char **pos, int n, const char *name,
                       const DWORD *timeout);

/*
 * Hangs up every call of calls (0 entries skipped), closes hline (if not 0) and the session.
 * Returns rc (CLI_STOPPED becomes CLI_EXIT_FAILED: the operation did not finish), or the
 * first hang-up failure when rc was success.
 */
int call_finish(struct session *s, int rc, HLINE hline, const HCALL *calls, int ncalls);

/* ---- the commands ------------------------------------------------------------------------ */

/*
 * Each runs one command: parses argv (argv[0] is the command's name) with the command's
 * options, does its work and returns its exit status (CLI_HELP after --help, which main()
 * turns into 0). They print on stdout and stderr and never exit the process themselves.
 */

int cmd_lines(struct cli *cli, const struct command *cmd, int argc, char **argv);
int cmd_phones(struct cli *cli, const struct command *cmd, int argc, char **argv);
int cmd_caps(struct cli *cli, const struct command *cmd, int argc, char **argv);
int cmd_call(struct cli *cli, const struct command *cmd, int argc, char **argv);
int cmd_drop(struct cli *cli, const struct command *cmd, int argc, char **argv);
int cmd_hold(struct cli *cli, const struct command *cmd, int argc, char **argv);
int cmd_answer(struct cli *cli, const struct command *cmd, int argc, char **argv);
int cmd_digits(struct cli *cli, const struct command *cmd, int argc, char **argv);
int cmd_transfer(struct cli *cli, const struct command *cmd, int argc, char **argv);
int cmd_conference(struct cli *cli, const struct command *cmd, int argc, char **argv);
int cmd_monitor(struct cli *cli, const struct command *cmd, int argc, char **argv);
int cmd_translate(struct cli *cli, const struct command *cmd, int argc, char **argv);

#endif /* TAPIX_CLI_H */
