#!/usr/bin/env python3
"""Generates the client backend's stubs (client_stubs.c) from src/proto/functions.h and tapi.h.

A backend is a table of functions of each TAPI prototype's exact type; C cannot build such a
function from a parameter list known only at run time. So this script writes, for every
function that both the protocol (functions.h) and the backend interface know:

  - a stub of the function's own type that stores each argument in a `union client_arg` (the
    signature letter says which member: d -> .d, p -> .p, x -> nothing, else .ptr) and hands the
    array to client_call(), which marshals it by the signature (client_marshal.c);
  - the kind of each output in the application's memory ('w' a DWORD or handle, 'q' a
    pointer-sized value, 'v' a var-size structure, 'b' bytes, '-' not an output);
  - the bytes the callee reads or writes through each pointer that is not a var-size structure,
    as a C expression over the other arguments (a fixed structure's size, a count times an
    element's size, or the DWORD size parameter that follows a buffer);
  - for the few outputs listed in FIT, the bytes the application's buffer holds when that is
    less than the room offered (the rest of what the server returns is not copied);
  - client_fn_find(), which gives the unit tests each function's description.

The sizing rules are the ones tapixd's src/server/gen_calls.py applies on its side, so both ends
agree on how many bytes travel. The functions that libtapix answers locally (the ...Initialize,
...Shutdown and ...GetMessage functions) point to their hand-written implementations instead.
It runs at build time (src/client/CMakeLists.txt); the output is not committed.

Usage: gen_client.py SOURCE_DIR OUTPUT_FILE
"""

import importlib.util
import os
import re
import sys

BYTE_TYPES = {"LPVOID", "LPCVOID", "LPSTR", "LPCSTR"}
POINTER_OUT_TYPES = {"LPHICON"}
UNSIZED = {"LPVOID": "sizeof(LINEREQMEDIACALL)", "LPSTR": "8"}
# Outputs whose application buffer may be smaller than the room the server asks to be offered:
# lineGetRequest writes a LINEREQMAKECALL or the larger LINEREQMEDIACALL, by its mode.
FIT = {("lineGetRequest", 2): "(a[1].d == LINEREQUESTMODE_MAKECALL ? sizeof(LINEREQMAKECALL) "
                              ": sizeof(LINEREQMEDIACALL))"}
LOCAL = {"lineInitialize", "lineInitializeEx", "lineShutdown", "lineGetMessage",
         "phoneInitialize", "phoneInitializeEx", "phoneShutdown", "phoneGetMessage"}


def load_gen_dispatch(source_dir):
    """The module scripts/gen-dispatch.py, for its prototype parser."""
    path = os.path.join(source_dir, "scripts", "gen-dispatch.py")
    spec = importlib.util.spec_from_file_location("gen_dispatch", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def varstruct_types(header):
    """Every type name (T and LPT) of a structure whose first member is dwTotalSize."""
    names = set()
    for m in re.finditer(r"typedef\s+struct\s+\w+\s*\{\s*DWORD\s+dwTotalSize\s*;.*?\}\s*([^;]+);",
                         header, flags=re.S):
        for name in m.group(1).split(","):
            names.add(name.strip().lstrip("*").strip())
    return names


def base_type(ctype):
    """`const LINEDIALPARAMS *` -> `LINEDIALPARAMS *`."""
    return " ".join(t for t in ctype.split() if t != "const")


def is_varstruct(ctype, varstructs):
    """True when the parameter points to a var-size structure."""
    return base_type(ctype).replace(" *", "").replace("*", "") in varstructs


def is_count(name):
    """A DWORD that counts the elements of the array beside it."""
    return re.match(r"^dw\w*Num\w*$", name) is not None or name.endswith("NumEntries")


def is_size(name):
    """A DWORD that gives the size in bytes of the buffer before it."""
    return re.match(r"^dw\w*Size$", name) is not None or name == "dwNumDigits"


def size_expr(params, i, letter, varstructs):
    """The C expression for the bytes parameter i is read or written through, or None."""
    ctype, _ = params[i]
    plain = base_type(ctype)
    if letter in "vV" or is_varstruct(ctype, varstructs):
        return None
    nxt = params[i + 1][1] if i + 1 < len(params) else ""
    prv = params[i - 1][1] if i > 0 else ""
    if plain in POINTER_OUT_TYPES:
        return "sizeof(HICON)"
    if plain in BYTE_TYPES:
        if is_size(nxt):
            return f"(size_t)a[{i + 1}].d"
        return UNSIZED.get(plain)
    element = f"sizeof(*({ctype})0)"
    if letter == "b" and is_count(nxt):
        return f"(size_t)a[{i + 1}].d * {element}"
    if letter == "b" and is_count(prv):
        return f"(size_t)a[{i - 1}].d * {element}"
    return element


def out_kind(letter, ctype, varstructs):
    """The kind of an output in the application's memory (see the module's docstring)."""
    if letter not in "oDBV":
        return "-"
    if letter in "DBV":
        return {"D": "w", "B": "b", "V": "v"}[letter]
    plain = base_type(ctype)
    if plain in POINTER_OUT_TYPES:
        return "q"
    if is_varstruct(ctype, varstructs):
        return "v"
    if plain == "LPDWORD" or re.match(r"^LPH[A-Z]+$", plain):
        return "w"
    return "b"


def store(letter, i, name):
    """The statement that keeps argument i in the array."""
    if letter == "d":
        return f"a[{i}].d = {name};"
    if letter == "p":
        return f"a[{i}].p = (uint64_t){name};"
    if letter == "x":
        return f"a[{i}].ptr = NULL;"
    return f"a[{i}].ptr = (void *)(uintptr_t){name};"


def emit_function(gd, name, sig, params, varstructs):
    """The size function, the descriptor and the stub of one function."""
    text, cases = "", []
    for i, letter in enumerate(sig):
        expr = size_expr(params, i, letter, varstructs) if letter in "obB" else None
        if expr:
            cases.append(f"    case {i}:\n        return {expr};\n")
    size = "NULL"
    if cases:
        size = f"size_{name}"
        text += (f"static size_t size_{name}(const union client_arg *a, unsigned i)\n{{\n"
                 f"    switch (i) {{\n{''.join(cases)}    default:\n        return 0;\n    }}\n}}\n\n")
    fit, fits = "NULL", [f"    case {i}:\n        return {e};\n" for (n, i), e in FIT.items()
                         if n == name]
    if fits:
        fit = f"fit_{name}"
        text += (f"static size_t fit_{name}(const union client_arg *a, unsigned i)\n{{\n"
                 f"    switch (i) {{\n{''.join(fits)}    default:\n        return SIZE_MAX;\n"
                 f"    }}\n}}\n\n")
    outs = "".join(out_kind(letter, params[i][0], varstructs) for i, letter in enumerate(sig))
    text += (f"static const struct client_fn fn_{name} = {{PROTO_FN_{name}, {size}, {fit}, "
             f"\"{outs}\"}};\n\n")
    stores = "\n    ".join(store(letter, i, params[i][1]) for i, letter in enumerate(sig))
    text += (f"static {gd.declaration('stub_' + name, params)}\n{{\n"
             f"    union client_arg a[{max(len(sig), 1)}];\n    {stores}\n"
             f"    return client_call(&fn_{name}, a);\n}}\n\n")
    return text


HEAD = """/*
 * client_stubs.c — generated by src/client/gen_client.py from src/proto/functions.h and
 * include/tapix/tapi.h; do not edit. The client backend's table: each TAPI function packs its
 * arguments and calls client_call() (client_marshal.c), or is answered locally (client_app.c).
 */
#include <stdint.h>

#include "client.h"

"""

FIND = """const struct client_fn *client_fn_find(uint32_t id)
{
    for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
        if (fns[i]->id == id)
            return fns[i];
    return NULL;
}
"""


def main():
    """Reads functions.h and tapi.h and writes the stubs (see the module's docstring)."""
    source_dir, out_file = sys.argv[1], sys.argv[2]
    gd = load_gen_dispatch(source_dir)
    with open(os.path.join(source_dir, "include", "tapix", "tapi.h"), encoding="utf-8") as f:
        header = f.read()
    prototypes = dict(gd.parse_functions(header))
    varstructs = varstruct_types(gd.strip_comments(header))
    with open(os.path.join(source_dir, "src", "proto", "functions.h"), encoding="utf-8") as f:
        table = re.findall(r'X\((\d+), (\w+), "(\w*)"\)', f.read())
    body, members, rows = "", "", ""
    for _, name, sig in table:
        params = prototypes.get(name)
        if params is None:
            continue
        if len(params) != len(sig):
            sys.exit(f"gen_client: {name}: {len(params)} parameters, signature '{sig}'")
        if name in LOCAL:
            members += f"    .{name} = client_{name},\n"
            continue
        body += emit_function(gd, name, sig, params, varstructs)
        members += f"    .{name} = stub_{name},\n"
        rows += f"    &fn_{name},\n"
    missing = set(prototypes) - {name for _, name, _ in table}
    if missing:
        sys.exit(f"gen_client: not in functions.h: {', '.join(sorted(missing))}")
    text = (HEAD + body + "const struct tapix_backend tapix_client_backend = {\n" + members +
            "};\n\nstatic const struct client_fn *const fns[] = {\n" + rows + "};\n\n" +
            FIND)
    with open(out_file, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
