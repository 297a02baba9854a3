/*
 * names.h — the names of TAPI's messages and constants, for printing.
 *
 * Every table of names.c is one family of constants of <tapix/tapi.h> (LINECALLSTATE_,
 * LINEERR_, ...). A family is either an enumeration (one value at a time: messages, errors) or a
 * set of flags (a mask: media modes, features); names_flags() spells a mask as "A|B|0x100".
 * Names are kept whole ("LINECALLSTATE_CONNECTED"); names_short() drops the family's prefix
 * ("CONNECTED") for human output.
 */
#ifndef TAPIX_CLI_NAMES_H
#define TAPIX_CLI_NAMES_H

#include <stddef.h>

#include <tapix/tapi.h>

/* The families of constants names.c knows. */
enum names_family {
    NAMES_MESSAGE,         /* LINE_ */
    NAMES_LINEERR,         /* line */
    NAMES_PHONEERR,        /* phone */
    NAMES_CALLSTATE,       /* call */
    NAMES_DISCONNECTMODE,  /* why */
    NAMES_BUSYMODE,        /* busy */
    NAMES_DIALTONEMODE,    /* dial */
    NAMES_SPECIALINFO,     /* special */
    NAMES_CONNECTEDMODE,   /* connected */
    NAMES_OFFERINGMODE,    /* offering */
    NAMES_CALLPRIVILEGE,   /* call */
    NAMES_MEDIAMODE,       /* media */
    NAMES_BEARERMODE,      /* bearer */
    NAMES_DEVSTATE,        /* line */
    NAMES_ADDRESSSTATE,    /* address */
    NAMES_CALLINFOSTATE,   /* call */
    NAMES_DEVCAPFLAGS,     /* line */
    NAMES_LINEFEATURE,     /* line */
    NAMES_ADDRCAPFLAGS,    /* address */
    NAMES_ADDRFEATURE,     /* address */
    NAMES_CALLFEATURE,     /* call */
    NAMES_CALLFEATURE2,    /* more */
    NAMES_ADDRESSSHARING,  /* address */
    NAMES_ADDRESSMODE,     /* address */
    NAMES_PARTYID,         /* party */
    NAMES_ANSWERMODE,      /* what */
    NAMES_DIGITMODE,       /* digit */
    NAMES_TONEMODE,        /* tone */
    NAMES_GENERATETERM,    /* why */
    NAMES_GATHERTERM,      /* why */
    NAMES_TRANSFERMODE,    /* transfer */
    NAMES_FORWARDMODE,     /* forwarding */
    NAMES_PARKMODE,        /* park */
    NAMES_REMOVEFROMCONF,  /* conference */
    NAMES_CALLCOMPLMODE,   /* call */
    NAMES_CALLCOMPLCOND,   /* call */
    NAMES_CALLREASON,      /* why */
    NAMES_CALLORIGIN,      /* where */
    NAMES_TRANSLATERESULT, /* address */
    NAMES_STRINGFORMAT,    /* string */
    NAMES_PHONESTATE,      /* phone */
    NAMES_PHONEFEATURE,    /* phone */
    NAMES_HOOKSWITCHDEV,   /* hookswitch */
    NAMES_HOOKSWITCHMODE,  /* hookswitch */
    NAMES_BUTTONMODE,      /* button */
    NAMES_BUTTONSTATE,     /* button */
    NAMES_LAMPMODE,        /* lamp */
    NAMES_COUNT
};

/*
 * The whole name of value v in family f ("LINEERR_INVALCALLHANDLE"), or NULL when the family
 * has no constant with that exact value. The string is static.
 */
const char *names_of(enum names_family f, DWORD v);

/* Like names_of() without the family's prefix ("INVALCALLHANDLE"); NULL when unknown. */
const char *names_short(enum names_family f, DWORD v);

/*
 * Spells mask v of family f into buf as its short flag names joined by '|', bits without a
 * name as one trailing hexadecimal number, "0" for an empty mask. Truncates to fit buflen
 * (at least 1). Returns buf.
 */
const char *names_flags(enum names_family f, DWORD v, char *buf, size_t buflen);

/*
 * The whole name of a TAPI error code: LINEERR_..., PHONEERR_... or, failing both, a decimal
 * number in a static buffer (not thread-safe; the tool is single-threaded).
 */
const char *names_error(LONG rc);

#endif /* TAPIX_CLI_NAMES_H */
