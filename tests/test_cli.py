"""The `cleaner` filter, run as users run it: a subprocess of the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import LONG_BLOCK_PAGE, SEED_APP, SEED_PAPER, SLOW_RULE
from .warcs import write_warc

CLEANER = shutil.which("cleaner") or str(Path(sys.executable).with_name("cleaner"))
PARK = (
    b"<html><head><title>A park for the riverside</title></head><body><article>"
    b"<h1>A park for the riverside</h1><p>The city council approved a new park on Monday "
    b"after a long debate about the riverside land and its future, the mayor said.</p>"
    b"<p>The park will open next year, and the council will pay for its upkeep from the "
    b"city's budget for the next ten years, officials said on Monday.</p></article></body></html>"
)


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [CLEANER, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120, check=False
    )


def test_stdin_to_body_text(tmp_path: Path) -> None:
    # Run from an unrelated folder: the installed package must carry its rule packs.
    result = run(stdin=SEED_PAPER.read_bytes(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert out.startswith("U.S. Secretary of State Marco Rubio and his Russian counterpart")
    assert "[to top of second column]" not in out
    assert result.stderr == b""


def test_json_is_one_article() -> None:
    result = run("--format", "json", str(SEED_PAPER))
    data = json.loads(result.stdout)
    assert data["authors"] == ["Matthew Lee"] and data["date"] == "2025-07-10"
    assert "removed" not in data


def test_jsonl_carries_each_path_and_explain_fills_removed() -> None:
    result = run("-f", "jsonl", "--explain", str(SEED_PAPER), str(SEED_APP))
    lines = result.stdout.decode().splitlines()
    assert [json.loads(line)["path"] for line in lines] == [str(SEED_PAPER), str(SEED_APP)]
    assert all(json.loads(line)["removed"] for line in lines)


def test_failed_input_is_named_and_others_still_written(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 binary")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run(
        "-f", "jsonl", str(pdf), str(SEED_PAPER), str(tmp_path / "missing.txt"), str(empty)
    )
    assert result.returncode == 1
    assert len(result.stdout.decode().splitlines()) == 1
    errors = result.stderr.decode().splitlines()
    assert errors == [
        f"{pdf}: input is a PDF document, not a page",
        f"{tmp_path / 'missing.txt'}: no such file",
        f"{empty}: input is empty",
    ]


def test_usage_error_exits_2() -> None:
    assert run("--format", "yaml").returncode == 2
    assert run("--jobs", "-1", str(SEED_PAPER)).returncode == 2


def test_bad_rule_folder_exits_2_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text('[[rule]]\nid = "x.y"\n', encoding="utf-8")
    result = run("--rules", str(tmp_path), str(SEED_PAPER))
    assert result.returncode == 2
    assert b"x.toml" in result.stderr and b'rule "x.y"' in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("order", ["page-first", "failure-first"])
def test_a_batch_keeps_its_shape_when_inputs_fail(tmp_path: Path, order: str) -> None:
    # the shape of the output follows the inputs, not how many were cleaned: with one of two
    # failing, json wrote one bare Article (no path) and text the body with no '==> path <=='
    missing = str(tmp_path / "missing.txt")
    inputs = [str(SEED_PAPER), missing] if order == "page-first" else [missing, str(SEED_PAPER)]
    as_json = run("-f", "json", *inputs)
    assert as_json.returncode == 1
    [record] = json.loads(as_json.stdout)
    assert record["path"] == str(SEED_PAPER) and record["body"]
    text = run(*inputs).stdout.decode()
    assert text.startswith(f"==> {SEED_PAPER} <==\n")
    # every input failing: an empty array, still one JSON document
    nothing = run("-f", "json", missing, str(tmp_path / "gone.txt"))
    assert nothing.returncode == 1 and json.loads(nothing.stdout) == []
    # one input alone is one Article, as before
    assert "path" not in json.loads(run("-f", "json", str(SEED_PAPER)).stdout)


def test_url_with_a_folder_or_an_archive_is_a_usage_error(tmp_path: Path) -> None:
    # one input, but many pages: the URL stood for each of them, a WARC record's own included
    # (the jsonl 'url' of every page, and the site rules of its host)
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes(SEED_PAPER.read_bytes())
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [("https://news.example/park", 200, "text/html", b"<p>A park.</p>")])
    for many in (folder, warc):
        result = run("--url", "https://other.example/x", "-f", "jsonl", str(many))
        assert result.returncode == 2 and result.stdout == b""
        assert result.stderr.decode().splitlines()[-1] == (
            f"cleaner: error: --url names one page, and {many} may hold several: a batch's "
            "pages take their URLs from their WARC records, NAME.url files or canonical links"
        )
    # a folder of one page, as one file: the URL is that page's
    (folder / "b.txt").unlink()
    [record] = [
        json.loads(line)
        for line in run(
            "--url", "https://x.example/a", "-f", "jsonl", str(folder)
        ).stdout.splitlines()
    ]
    assert record["url"] == "https://x.example/a"


def test_pages_found_in_a_warc_or_a_folder_are_named_even_alone(tmp_path: Path) -> None:
    # a one-page WARC (a file or piped in) or a folder of one page: json printed the bare
    # Article, text the bare body, with no path, url or record id, where two pages print them:
    # a script could not tell what it cleaned, and the shape changed with the page count
    warc = tmp_path / "crawl.warc.gz"
    [record_id] = write_warc(warc, [("https://news.example/park", 200, "text/html", PARK)])
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED_PAPER.read_bytes())
    for args, stdin, path, url in (
        ([str(warc)], None, f"{warc}#{record_id}", "https://news.example/park"),
        ([], warc.read_bytes(), f"<stdin>#{record_id}", "https://news.example/park"),
        ([str(folder)], None, str(folder / "a.txt"), None),
    ):
        as_json = run("-f", "json", *args, stdin=stdin)
        assert as_json.returncode == 0, as_json.stderr
        [record] = json.loads(as_json.stdout)
        assert (record["path"], record["url"], record.get("warc_record_id")) == (
            path,
            url,
            record_id if url else None,
        )
        assert record["body"]
        text = run(*args, stdin=stdin).stdout.decode()
        assert text.startswith(f"==> {path} <==\n")
    # a page given alone, a file or on stdin, is one Article, as before
    assert "path" not in json.loads(run("-f", "json", stdin=SEED_PAPER.read_bytes()).stdout)


def test_a_folder_with_no_page_is_an_empty_json_array(tmp_path: Path) -> None:
    # a folder's pages are a batch's, an array in json: with none, stdout was empty, where a
    # batch whose every input failed writes '[]' (a consumer of the array read nothing)
    (tmp_path / "empty").mkdir()
    (tmp_path / "list.txt").write_text("")
    for args in ([str(tmp_path / "empty")], ["--files-from", str(tmp_path / "list.txt")]):
        result = run("-f", "json", *args)
        assert (result.returncode, result.stdout) == (1, b"[]\n"), args
        assert result.stderr.decode().splitlines()[-1] == "cleaner: no pages found in the inputs"


def test_a_warc_with_no_page_is_an_empty_json_array(tmp_path: Path) -> None:
    # a WARC's records are a batch's pages, an array in json even for one (01e2f63): with none
    # (a crawl of 404s; only its warcinfo record), by path or piped in, stdout was empty where
    # an empty folder writes '[]'. A page given alone that fails still writes nothing: it is
    # one Article, not an array (as 'cleaner -f json gone.html')
    of_404 = tmp_path / "404.warc.gz"
    write_warc(of_404, [("https://news.example/gone", 404, "text/html", PARK)])
    bare = tmp_path / "bare.warc"
    write_warc(bare, [], gzipped=False)
    for warc in (of_404, bare):
        for args, stdin in (([str(warc)], None), ([], warc.read_bytes())):
            result = run("-f", "json", *args, stdin=stdin)
            assert (result.returncode, result.stdout) == (1, b"[]\n"), (warc, args)
            assert result.stderr.decode().splitlines()[-1] == (
                "cleaner: no pages found in the inputs"
            )
            # -o DIR: stdout holds nothing
            into = run("-f", "json", "-o", str(tmp_path / "out"), *args, stdin=stdin)
            assert (into.returncode, into.stdout) == (1, b"")
    empty = run("-f", "json", stdin=b"")
    assert (empty.returncode, empty.stdout) == (1, b"")
    assert empty.stderr == b"<stdin>: input is empty\n"


def test_url_with_a_warc_known_once_read_is_a_usage_error(tmp_path: Path) -> None:
    # refused for a WARC named by its path, the URL still stood for each record of one piped
    # on stdin (or named as a page), its own WARC-Target-URI replaced in the output and for the
    # site rules
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [("https://news.example/park", 200, "text/html", PARK)])
    named_as_page = tmp_path / "page.html"
    named_as_page.write_bytes(warc.read_bytes())
    tail = (
        "is a WARC or ARC archive: a batch's pages take their URLs from their WARC records, "
        "NAME.url files or canonical links"
    )
    for program in ("cleaner", "cleaner-stories"):
        command = str(Path(CLEANER).with_name(program))
        for args, stdin, name in (
            ([], warc.read_bytes(), "<stdin>"),
            ([str(named_as_page)], None, str(named_as_page)),
        ):
            result = subprocess.run(
                [command, "--url", "https://other.example/x", "-j", "2", *args],
                input=stdin,
                capture_output=True,
                timeout=120,
                check=False,
            )
            assert (result.returncode, result.stdout) == (2, b""), result.stderr
            assert result.stderr.decode().splitlines()[-1] == (
                f"{program}: error: --url names one page, and {name} {tail}"
            )
    # a page on stdin still takes it
    page = run("--url", "https://x.example/a", "-f", "jsonl", stdin=SEED_PAPER.read_bytes())
    assert json.loads(page.stdout)["url"] == "https://x.example/a"


def test_explain_on_html_says_the_extraction_is_not_listed(tmp_path: Path) -> None:
    # on HTML, 'removed' starts from what trafilatura's extraction kept: what it left out of
    # the page (menus, sidebars, comments) was named nowhere, and a user took the list for all
    # that was taken out; said once a run, at the end, and only when an HTML page was given
    page = tmp_path / "park.html"
    page.write_bytes(PARK)
    note = (
        "cleaner: note: --explain names what the rules and passes removed from the story "
        "trafilatura extracted; what the extraction left out of an HTML page (menus, "
        "sidebars, comments, ads) is not named"
    )
    for fmt in ("text", "jsonl"):
        result = run("--explain", "-f", fmt, str(page), str(SEED_PAPER), str(page))
        assert result.returncode == 0
        lines = result.stderr.decode().splitlines()
        assert lines[-1] == note and lines.count(note) == 1
    for args in (["--explain", str(SEED_PAPER)], [str(page)], ["--explain", "--text", str(page)]):
        assert "note:" not in run(*args).stderr.decode()


def test_closed_pipe_prints_no_traceback(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(SEED_PAPER.read_bytes() * 40)
    pipeline = f"'{CLEANER}' '{big}' '{big}' '{big}' | head -n 1"
    result = subprocess.run(["sh", "-c", pipeline], capture_output=True, timeout=120, check=False)
    assert result.stdout.count(b"\n") == 1
    assert b"Traceback" not in result.stderr and b"Error" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command",
    [
        ["cleaner", "-f", "json", str(SEED_PAPER)],  # one page: written at the end
        ["cleaner", "-f", "jsonl", str(SEED_PAPER), str(SEED_APP)],  # a batch: as it goes
        ["cleaner-rules", "list"],
        ["cleaner-fixtures", "check", "-v", str(SEED_PAPER)],
        ["cleaner-stories", str(SEED_PAPER)],
    ],
    ids=["cleaner-page", "cleaner-batch", "cleaner-rules", "cleaner-fixtures", "cleaner-stories"],
)
def test_a_full_disk_on_stdout_is_one_line_not_a_traceback(command: list[str]) -> None:
    program = str(Path(CLEANER).with_name(command[0]))
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [program, *command[1:]], stdout=full, stderr=subprocess.PIPE, timeout=120, check=False
        )
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[-1] == (
        f"{command[0]}: cannot write to stdout (No space left on device)"
    )
    assert b"Traceback" not in result.stderr


def test_markdown_has_headline_and_byline() -> None:
    out = run("-f", "markdown", str(SEED_PAPER)).stdout.decode()
    assert out.startswith(
        "# Rubio to meet Russia's Lavrov with Ukraine tensions high\n\n*By MATTHEW LEE"
    )


def test_markdown_names_the_authors_where_no_byline_is_printed(tmp_path: Path) -> None:
    # an HTML page's authors from its metadata, with no byline printed: markdown, 'headline,
    # byline, body', named nobody, where json has the authors
    page = tmp_path / "park.html"
    page.write_bytes(
        PARK.replace(
            b"</title>",
            b'</title><meta name="author" content="Jane Doe">'
            b'<meta property="article:published_time" content="2024-05-06T10:00:00Z">',
        )
    )
    article = json.loads(run("-f", "json", str(page)).stdout)
    assert (article["authors"], article["byline"]) == (["Jane Doe"], None)
    out = run("-f", "markdown", str(page)).stdout.decode()
    assert out.startswith("# A park for the riverside\n\n*Jane Doe · 2024-05-06*\n\n")


def test_jobs_gives_the_same_output_in_input_order(tmp_path: Path) -> None:
    inputs = [str(SEED_PAPER), str(SEED_APP)] * 3
    serial = run("-f", "jsonl", *inputs)
    parallel = run("-f", "jsonl", "--jobs", "2", *inputs)
    assert parallel.returncode == 0 and parallel.stdout == serial.stdout


def test_python_dash_m_runs_the_same_filter() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cleaner", str(SEED_PAPER)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and result.stdout == run(str(SEED_PAPER)).stdout


@pytest.mark.parametrize("flag", ["--text", "--html"])
def test_kind_can_be_forced(flag: str) -> None:
    result = run(flag, str(SEED_PAPER))
    assert result.returncode == 0


def test_help_names_every_exit_code_the_readme_gives(capsys: pytest.CaptureFixture[str]) -> None:
    from cleaner import cli

    with pytest.raises(SystemExit):
        cli.main(["--help"])
    epilog = capsys.readouterr().out.split("Exit codes:", 1)[1]
    assert [code for code in ("0", "1", "2", "130") if f"{code} " in epilog] == [
        "0",
        "1",
        "2",
        "130",
    ]


def test_a_rule_left_unapplied_is_said_on_stderr(tmp_path: Path) -> None:
    # a pattern past its time limit: the page is cleaned, and stderr says which rule was not
    # applied (before: nothing said)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.toml").write_text(SLOW_RULE, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(LONG_BLOCK_PAGE, encoding="utf-8")
    result = run("--rules", str(rules), "--disable", "model", str(page))
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().splitlines() == [
        f"{page}: warning: rule slow.nested-repeat: not applied to 1 block: its pattern ran "
        "past its 0.25 s time limit"
    ]
    assert "word word" in result.stdout.decode()
