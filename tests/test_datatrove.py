"""The datatrove step, end to end: WarcReader → CleanerStep → JsonlWriter on two WARC files the
test writes, with LocalPipelineExecutor and 2 tasks; the same Articles as the command."""

from __future__ import annotations

from .engine_pages import require

require("datatrove")

import json
from pathlib import Path

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor

from cleaner import Cleaner
from cleaner.integrations.datatrove import CleanerStep, warc_pipeline
from cleaner.integrations.records import article_from

from .engine_pages import MENU_URL, command_articles, pages, write_warcs
from .warcs import write_warc


def test_warc_pipeline_with_two_tasks_gives_the_commands_articles(tmp_path: Path) -> None:
    warcs = write_warcs(tmp_path / "warcs")
    out = tmp_path / "out"
    executor = LocalPipelineExecutor(
        pipeline=warc_pipeline(str(tmp_path / "warcs"), str(out)),
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    documents = [
        json.loads(line)
        for path in sorted(out.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert len(list(out.glob("*.jsonl"))) == 2  # one file per task
    cleaned = {
        d["metadata"]["url"]: article_from(d["metadata"]["article"], d["text"]) for d in documents
    }
    expected = command_articles(*map(str, warcs))
    assert len(expected) == len(pages()) - 1  # the menu page has no story
    assert cleaned == expected
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    dropped = {k: v for step in stats for k, v in step["stats"].items() if k.startswith("dropped")}
    assert dropped == {"dropped": 1, "dropped_no_story": 1}
    assert MENU_URL not in cleaned


def test_a_text_document_and_a_failure_through_filter() -> None:
    step = CleanerStep()
    story = Document(
        text="Park plan approved\n\nBy JANE DOE\n\nThe city council approved a new park on Monday after a long debate.",
        id="1",
    )
    assert step.filter(story) is True
    assert story.text.startswith("The city council approved")
    assert story.metadata["article"]["authors"] == ["Jane Doe"]
    empty = Document(text="", id="2")
    assert step.filter(empty) == (False, "clean_failed")
    assert empty.metadata["clean_error"] == "input is empty"


def test_filter_keeps_its_cleaner_from_one_document_to_the_next(monkeypatch) -> None:
    # filter made a Cleaner (its rules loaded, its plans and tagger built anew) for every
    # document: 24.7 ms of CPU a seed page, against 4.5 with one kept
    step = CleanerStep()
    made = []
    monkeypatch.setattr(CleanerStep, "cleaner", lambda self: made.append(1) or Cleaner())
    text = "Park plan approved\n\nThe city council approved a new park on Monday after a debate."
    for n in range(3):
        assert step.filter(Document(text=text, id=str(n))) is True
    assert made == [1]


def test_warc_pipeline_skips_an_unanswered_response_as_the_command_does(tmp_path: Path) -> None:
    # a 404 page holding a story's HTML: the command skips the record (HTTP status), and so
    # must the pipeline, which datatrove's own WarcReader would hand on as a page
    (url, story), (missing_url, other) = pages(2)[:2]
    warc = tmp_path / "warcs" / "crawl.warc.gz"
    warc.parent.mkdir()
    write_warc(
        warc,
        [(url, 200, "text/html; charset=utf-8", story), (missing_url, 404, "text/html", other)],
    )
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=warc_pipeline(str(warc.parent), str(out)),
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    urls = {
        json.loads(line)["metadata"]["url"]
        for path in out.glob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    }
    assert urls == set(command_articles(str(warc))) == {url}


README = Path(__file__).resolve().parents[1] / "README.md"


def readme_block(marker: str) -> str:
    """The README's one Python example that holds ``marker``."""
    text = README.read_text(encoding="utf-8")
    blocks = [
        b.split("```", 1)[0]
        for b in text.split("```python\n")[1:]
        if marker in b.split("```", 1)[0]
    ]
    assert len(blocks) == 1, f"{len(blocks)} README examples hold {marker!r}"
    return blocks[0]


def local(block: str, tmp_path: Path) -> str:
    """An example with local folders for its s3:// ones."""
    block = block.replace("s3://bucket/crawl/", f"{tmp_path / 'warcs'}/")
    return block.replace("s3://bucket/articles/", f"{tmp_path / 'out'}/")


def cleaned(out: Path) -> dict[str, object]:
    documents = [
        json.loads(line)
        for path in sorted(out.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return {
        d["metadata"]["url"]: article_from(d["metadata"]["article"], d["text"]) for d in documents
    }


#: Stand-ins for Slurm's commands: sbatch answers as it does, srun runs its command here, scontrol
#: names the one host.
SLURM_COMMANDS = {
    "sbatch": 'echo "Submitted batch job 42"\n',
    "srun": 'while [ "${1#-}" != "$1" ]; do case "$1" in -n) shift 2;; *) shift;; esac; done\nexec "$@"\n',
    "scontrol": 'echo "$3"\n',
}


def test_the_readme_slurm_example_runs_as_written(tmp_path: Path) -> None:
    """The README's Slurm script (local folders for s3://) submits its job array; the job's
    launch script, run as Slurm runs it for array tasks 0 and 1, gives the command's Articles."""
    import os
    import subprocess
    import sys

    warcs = write_warcs(tmp_path / "warcs")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in SLURM_COMMANDS.items():
        (bin_dir / name).write_text("#!/bin/sh\n" + body)
        (bin_dir / name).chmod(0o755)
    script = tmp_path / "slurm_job.py"
    script.write_text(local(readme_block("SlurmPipelineExecutor("), tmp_path))
    env = {**os.environ, "PATH": f"{bin_dir}:{Path(sys.executable).parent}:{os.environ['PATH']}"}
    run = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, timeout=300
    )
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    launch = tmp_path / "logs" / "launch_script.slurm"
    for task in ("0", "1"):  # datatrove gives rank 0 the first file, rank 1 the second
        job_env = {**env, "SLURM_ARRAY_TASK_ID": task, "SLURM_NODELIST": "localhost"}
        job = subprocess.run(
            ["bash", str(launch)], cwd=tmp_path, env=job_env, capture_output=True, timeout=300
        )
        assert job.returncode == 0, job.stderr.decode()[-2000:]
    assert cleaned(tmp_path / "out") == command_articles(*map(str, warcs))


def test_the_readme_ray_example_runs_as_written(tmp_path: Path, monkeypatch) -> None:
    """The README's Ray script, run as a script, builds the pipeline and runs it; Ray itself is
    not among the test's engines: its executor is stood in for by datatrove's local one."""
    import datatrove.executor

    class RayStandIn:
        def __init__(self, pipeline: list[object], tasks: int, logging_dir: str) -> None:
            assert tasks == 1000
            self.local = LocalPipelineExecutor(
                pipeline=pipeline, tasks=2, workers=1, logging_dir=logging_dir
            )

        def run(self) -> None:
            self.local.run()

    monkeypatch.setattr(datatrove.executor, "RayPipelineExecutor", RayStandIn)
    monkeypatch.chdir(tmp_path)
    warcs = write_warcs(tmp_path / "warcs")
    exec(
        compile(local(readme_block("RayPipelineExecutor("), tmp_path), "ray_job.py", "exec"),
        {"__name__": "__main__"},
    )
    assert cleaned(tmp_path / "out") == command_articles(*map(str, warcs))
