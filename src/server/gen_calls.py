#!/usr/bin/env python3
"""Generates tapixd's call table (calls.c) from src/proto/functions.h and include/tapix/tapi.h.

tapixd executes a Call frame by function ID. C cannot call a function whose parameter list is
known only at run time, so this script writes, for every function that both the protocol
(functions.h) and the backend interface (tapi.h's TAPI 2.x prototypes) know:

  - an invoker that calls the backend's member with each argument taken from the right member of
    `union call_arg` (the signature letter says which: d -> .d, p -> .p, x -> NULL, else .ptr),
    so the compiler checks every argument against the prototype;
  - which DWORD parameters are handles an application was given (HLINEAPP, HLINE, HCALL,
    HPHONEAPP, HPHONE), so that the server can keep each client to its own;
  - which DWORD parameters are device IDs (named dwDeviceID: a phone device's in the phone
    functions, a line device's elsewhere), which the server maps between each client's view of
    the devices and the core's;
  - the kind each output travels as on the way back (docs/protocol.md, "Parameters"): a DWORD
    or handle, a pointer-sized value, a var-size structure (a struct whose first member is
    dwTotalSize), or plain bytes;
  - the number of bytes the callee may read or write through each pointer that is not a
    var-size structure, as a C expression over the other arguments (a fixed structure's size, a
    count times an element's size, or the DWORD size parameter that follows a buffer), so that
    the server can refuse a buffer that is too small instead of letting the core overrun it.

It is run at build time (src/server/CMakeLists.txt); the output is not committed. The prototype
parser is the one of scripts/gen-dispatch.py.

Usage: gen_calls.py SOURCE_DIR OUTPUT_FILE
"""

import importlib.util
import os
import re
import sys

# Pointers to these hold bytes whose size another parameter gives, or that no parameter sizes.
BYTE_TYPES = {"LPVOID", "LPCVOID", "LPSTR", "LPCSTR"}
# Output pointers that hold a pointer-sized value.
POINTER_OUT_TYPES = {"LPHICON"}
# The room an unsized output byte buffer needs: lineGetRequest's buffer holds a LINEREQMEDIACALL,
# tapiGetLocationInfo's strings are 8 bytes each.
UNSIZED = {"LPVOID": "sizeof(LINEREQMEDIACALL)", "LPSTR": "8"}


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
    """`const LINEDIALPARAMS *` -> `LINEDIALPARAMS *`; `LPHCALL` stays."""
    return " ".join(t for t in ctype.split() if t != "const")


def is_count(name):
    return re.match(r"^dw\w*Num\w*$", name) is not None or name.endswith("NumEntries")


def is_size(name):
    return re.match(r"^dw\w*Size$", name) is not None or name == "dwNumDigits"


def need_expr(params, i, letter, varstructs):
    """The C expression for the bytes parameter i may be touched through, or None."""
    ctype, _ = params[i]
    plain = base_type(ctype)
    if letter in "vV" or plain.replace(" *", "").replace("*", "") in varstructs:
        return None
    nxt = params[i + 1][1] if i + 1 < len(params) else ""
    prv = params[i - 1][1] if i > 0 else ""
    if plain in BYTE_TYPES or plain in POINTER_OUT_TYPES:
        if plain in POINTER_OUT_TYPES:
            return "sizeof(HICON)"
        if is_size(nxt):
            return f"(size_t)a[{i + 1}].d"
        return UNSIZED.get(plain)
    element = f"sizeof(*({ctype})0)"
    if letter == "b" and is_count(nxt):
        return f"(size_t)a[{i + 1}].d * {element}"
    if letter == "b" and is_count(prv):
        return f"(size_t)a[{i - 1}].d * {element}"
    return element


def out_kind(ctype, varstructs):
    plain = base_type(ctype)
    if plain in POINTER_OUT_TYPES:
        return "q"
    if plain.replace(" *", "").replace("*", "") in varstructs:
        return "v"
    if plain in ("LPDWORD",) or re.match(r"^LPH[A-Z]+$", plain):
        return "w"
    return "b"


# The handles an application is given, by C type: whose they are is checked before a call.
HANDLE_KINDS = {"HLINEAPP": "a", "HLINE": "l", "HCALL": "c", "HPHONEAPP": "A", "HPHONE": "h"}


def argument(letter, i):
    return {"d": f"a[{i}].d", "D": f"a[{i}].ptr", "p": f"a[{i}].p", "x": "NULL"}.get(
        letter, f"a[{i}].ptr")


def emit_function(name, sig, params, varstructs):
    """The invoker, the size function and the table row of one function."""
    args = ", ".join(argument(letter, i) for i, letter in enumerate(sig))
    text = (f"static LONG invoke_{name}(const struct tapix_backend *be, const union call_arg *a)\n"
            f"{{\n    return be->{name}({args});\n}}\n\n")
    cases, outs, only_calls = [], [], True
    for i, letter in enumerate(sig):
        if letter in "obB":
            expr = need_expr(params, i, letter, varstructs)
            if expr:
                cases.append(f"    case {i}:\n        return {expr};\n")
        if letter in "oDBV":
            kind = {"D": "w", "B": "b", "V": "v"}.get(letter) or out_kind(params[i][0], varstructs)
            outs.append(kind)
            only_calls = only_calls and base_type(params[i][0]) == "LPHCALL"
        else:
            outs.append("-")
    need = "NULL"
    if cases:
        need = f"need_{name}"
        text += (f"static size_t need_{name}(const union call_arg *a, unsigned i)\n{{\n"
                 f"    (void)a;\n    switch (i) {{\n{''.join(cases)}    default:\n"
                 f"        return 0;\n    }}\n}}\n\n")
    has_outs = any(k != "-" for k in outs)
    handles = "".join(HANDLE_KINDS.get(base_type(params[i][0]), "-") if letter == "d" else "-"
                      for i, letter in enumerate(sig))
    device = "P" if name.startswith("phone") else "L"
    devices = "".join(device if letter == "d" and params[i][1] == "dwDeviceID" else "-"
                      for i, letter in enumerate(sig))
    row = (f"    {{PROTO_FN_{name}, invoke_{name}, {need}, \"{''.join(outs)}\", "
           f"\"{handles}\", \"{devices}\", {1 if has_outs and only_calls else 0}}},\n")
    return text, row


HEAD = """/*
 * calls.c — generated by src/server/gen_calls.py from src/proto/functions.h and
 * include/tapix/tapi.h; do not edit. The table calls.h describes.
 */
#include "calls.h"

#include <stddef.h>

"""


def main():
    source_dir, out_file = sys.argv[1], sys.argv[2]
    gd = load_gen_dispatch(source_dir)
    with open(os.path.join(source_dir, "include", "tapix", "tapi.h"), encoding="utf-8") as f:
        header = f.read()
    prototypes = dict(gd.parse_functions(header))
    varstructs = varstruct_types(gd.strip_comments(header))
    with open(os.path.join(source_dir, "src", "proto", "functions.h"), encoding="utf-8") as f:
        table = re.findall(r'X\((\d+), (\w+), "(\w*)"\)', f.read())
    body, rows = "", ""
    for _, name, sig in table:
        params = prototypes.get(name)
        if params is None:
            continue  # TAPI 3.0: in the protocol, not in the backend interface
        if len(params) != len(sig):
            sys.exit(f"gen_calls: {name}: {len(params)} parameters, signature '{sig}'")
        text, row = emit_function(name, sig, params, varstructs)
        body += text
        rows += row
    text = (HEAD + body + "static const struct call_entry entries[] = {\n" + rows + "};\n\n"
            "const struct call_entry *calls_table(size_t *count)\n{\n"
            "    *count = sizeof(entries) / sizeof(entries[0]);\n    return entries;\n}\n")
    with open(out_file, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
