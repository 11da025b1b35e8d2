"""Windows batch files as Rouge 3.30's lexer names them (build and setup scripts in posts):
`rem` and `::` comments `c`, labels `nl`, built-in and common commands `nb`, `%VAR%` and
`%~1` `nv`/`vm`, switches `na`, strings `s1`/`s2`/`sb` with `^` escapes `se`. Words are
looked up as written, in lower case. Rouge's test for `set` holds for any word, so every
other word is `kd` (a `.exe` after it `err`). Files: *.bat, *.cmd."""

from __future__ import annotations

import re

from .lexer import Rule, Run, Tokens, expand, lex, rule

KEYWORDS = frozenset("if else for in do goto call exit".split())
OPERATOR_WORDS = frozenset(
    "exist defined errorlevel cmdextversion not equ neq lss leq gtr geq".split())
DEVICES = frozenset("""con prn aux nul com1 com2 com3 com4 com5 com6 com7 com8 com9 lpt1 lpt2
    lpt3 lpt4 lpt5 lpt6 lpt7 lpt8 lpt9""".split())
COMMANDS = frozenset("""
    assoc attrib break bcdedit cacls cd chcp chdir chkdsk chkntfs choice cls cmd color comp
    compact convert copy date del dir diskpart doskey dpath driverquery echo endlocal erase fc
    find findstr format fsutil ftype gpresult graftabl help icacls label md mkdir mklink mode
    more move openfiles path pause popd print prompt pushd rd recover ren rename replace rmdir
    robocopy setlocal sc schtasks shift shutdown sort start subst systeminfo takeown tasklist
    taskkill time timeout title tree type ver verify vol xcopy waitfor wmic
    addusers admodcmd ansicon arp at bcdboot bitsadmin browstat certreq certutil change cidiag
    cipher cleanmgr clip cmdkey compress convertcp coreinfo csccmd csvde cscript curl debug
    defrag delprof deltree devcon diamond dirquota diruse diskshadow diskuse dism dnscmd dsacls
    dsadd dsget dsquery dsmod dsmove dsrm dsmgmt dsregcmd edlin eventcreate expand extract
    fdisk fltmc forfiles freedisk ftp getmac gpupdate hostname ifmember inuse ipconfig kill
    lgpo lodctr logman logoff logtime makecab mapisend mbsacli mem mountvol moveuser msg mshta
    msiexec msinfo32 mstsc nbtstat net net1 netdom netsh netstat nlsinfo nltest now nslookup
    ntbackup ntdsutil ntoskrnl ntrights nvspbind pathping perms ping portqry powercfg pngout
    pnputil printbrm prncnfg prnmngr procdump psexec psfile psgetsid psinfo pskill pslist
    psloggedon psloglist pspasswd psping psservice psshutdown pssuspend qbasic qgrep qprocess
    query quser qwinsta rasdial reg reg1 regdump regedt32 regsvr32 regini reset restore
    rundll32 rmtshare route rpcping run runas scandisk setspn setx sfc share shellrunas
    shortcut sigcheck sleep slmgr strings subinacl sysmon telnet tftp tlist touch tracerpt
    tracert tscon tsdiscon tskill tttracer typeperf tzutil undelete unformat verifier
    vmconnect vssadmin w32tm wbadmin wecutil wevtutil wget where whoami windiff winrm winrs
    wpeutil wpr wusa wuauclt wscript""".split())
ATTRIBUTES = frozenset("on off disable enableextensions enabledelayedexpansion".split())
INSENSITIVE = re.A | re.I


def _word(found: re.Match, run: Run) -> Tokens:
    """A word (with `.exe`, an error after a word not a command): its class by Rouge's lists,
    in their order."""
    word, extension = found.group(1), found.group(2) or ""
    if word in COMMANDS:
        return [("nb", found.group())]
    css = ("kr" if word in DEVICES else "k" if word in KEYWORDS else
           "ow" if word in OPERATOR_WORDS else "na" if word in ATTRIBUTES else "kd")
    return [(css, word), ("err", extension)]


def _quoted(quote: str, css: str) -> list[Rule | str]:
    return ["mixin:escape", rule(quote, css, "#pop"), "mixin:expansions",
            rule(rf"[^\^{quote}%!]+", css)]


BATCH: dict[str, list[Rule]] = expand({
    "basic": [
        rule(r"@?\brem\b.*$", "c", flags=INSENSITIVE),
        rule(r"^::.*$", "c"),
        rule(r":[a-z]+", "nl", flags=INSENSITIVE),
        rule(r"([a-z]\w*)(\.exe|com|bat|cmd|msi)?", _word, flags=INSENSITIVE),
        rule(r"((?:[/+]|--?)[a-z]+)\s*", "na", flags=INSENSITIVE),
        "mixin:expansions",
        rule(r"[<>&|(){}\[\]\-+=;,~?*]", "o"),
    ],
    "escape": [rule(r"\^.", "se", flags=re.A | re.S)],
    "expansions": [
        rule(r"[%!]+([a-z_$@#]+)[%!]+", "nv", flags=INSENSITIVE),
        rule(r"(%+~?[a-z]+\d?)", "vm", flags=INSENSITIVE),
    ],
    "double_quotes": _quoted('"', "s2"),
    "single_quotes": _quoted("'", "s1"),
    "backtick": _quoted("`", "sb"),
    "data": [
        rule(r"\s+", ""),
        rule(r"0x[0-9a-f]+", "mh", flags=INSENSITIVE),
        rule(r"[0-9]", "m"),
        rule(r'"', "s2", "double_quotes"),
        rule(r"'", "s1", "single_quotes"),
        rule(r"`", "sb", "backtick"),
        rule(r"""[^\s&|()\[\]{}\^=;!%+\-,"'`~?*]+""", ""),
        "mixin:escape",
    ],
    "root": ["mixin:basic", "mixin:data"],
})


def batch_tokens(code: str) -> Tokens:
    return lex(BATCH, code)
