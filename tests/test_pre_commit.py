"""The hooks in ``.pre-commit-hooks.yaml`` work under the real pre-commit.

pre-commit installs a hook repository from a git commit, so the tests build
one from the current working tree (uncommitted changes included): the files
``git ls-files --cached --others --exclude-standard`` names are copied into a
temporary folder and committed there. A second temporary git repository
holds an article and a ``.pre-commit-config.yaml`` that points at the first
one by path. pre-commit builds a virtual environment and pip-installs the
hook repository into it, which needs PyPI; that happens once for the module
(``PRE_COMMIT_HOME`` is a temporary folder shared by these tests only).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.loader import ARTICLE_SUFFIXES

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install '.[test]')")
yaml = pytest.importorskip("yaml", reason="PyYAML comes with pre-commit")

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
HOOK_IDS = ("lintnews", "lintnews-fix")

DIRTY = "The situation in Almaty remains unsafe. .\n"
FIXED = "The situation in Almaty remains unsafe.\n"
CLEAN = "Kazakhstan’s President Kassym-Jomart Tokayev ordered troops to fire without warning.\n"

#: Creating the hook environment pip-installs lintnews and its dependencies.
TIMEOUT = 600


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without git's per-repository variables (set when the
    suite itself runs inside a git hook) and with a fixed identity."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="lintnews tests",
        GIT_AUTHOR_EMAIL="tests@lintnews.invalid",
        GIT_COMMITTER_NAME="lintnews tests",
        GIT_COMMITTER_EMAIL="tests@lintnews.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        NO_COLOR="1",
    )
    env.update(extra)
    return env


def git(cwd: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, f"git {' '.join(args)}: {completed.stderr}"
    return completed.stdout


# --- the manifest itself (no pre-commit run) ---------------------------------


def load_hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}


def test_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest

    assert [hook["id"] for hook in load_manifest(str(HOOKS))] == list(HOOK_IDS)


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_hook_files_pattern_matches_exactly_the_article_suffixes(hook_id: str) -> None:
    pattern = re.compile(load_hooks()[hook_id]["files"])
    for suffix in ARTICLE_SUFFIXES:
        for name in (f"story{suffix}", f"desk/Story{suffix.upper()}", f"a.b{suffix}"):
            assert pattern.search(name), name
    # Corpora are not hooked: their fixes go to a new file (--output), never in place.
    for name in ("story.py", "story.txt.bak", "story.jsonl", "txt", "mdown/readme", "story.rst"):
        assert not pattern.search(name), name


def test_hook_entries() -> None:
    hooks = load_hooks()
    assert hooks["lintnews"]["entry"] == "lintnews check --force-exclude"
    assert hooks["lintnews-fix"]["entry"] == "lintnews check --fix --force-exclude"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True


def test_readme_config_uses_these_hooks(tmp_path: Path) -> None:
    from pre_commit.clientlib import load_config

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.DOTALL)
    assert len(blocks) == 1, "one .pre-commit-config.yaml example in the README"
    (tmp_path / "config.yaml").write_text(blocks[0], encoding="utf-8")
    (repo,) = load_config(str(tmp_path / "config.yaml"))["repos"]
    assert repo["repo"] == "https://github.com/lintnews/lintnews"
    assert {hook["id"] for hook in repo["hooks"]} == set(HOOK_IDS)


# --- the hooks under pre-commit ----------------------------------------------


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding the working tree as a user's clone would: the
    tracked files as they are now, plus untracked files git does not ignore."""
    if not (ROOT / ".git").exists():  # an unpacked sdist, say
        pytest.skip("not a git checkout: cannot tell which files a clone would hold")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr.decode(errors="replace")
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in listed.stdout.decode("utf-8").split("\0"):
        source = ROOT / name
        if not name or not source.is_file():  # deleted in the working tree, or a submodule
            continue
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    git(repo, "init", "--quiet")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-verify", "-m", "lintnews working tree")
    return repo, git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


class Project:
    """A user's repository with the lintnews hooks configured."""

    def __init__(self, path: Path, home: Path) -> None:
        self.path = path
        self.home = home

    def write(self, name: str, text: str) -> Path:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        git(self.path, "add", name)
        return target

    def run(self, hook_id: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", hook_id, "--all-files", "--color=never"],
            cwd=self.path,
            env=clean_env(PRE_COMMIT_HOME=str(self.home)),
            capture_output=True,
            text=True,
            check=False,
            timeout=TIMEOUT,
        )


@pytest.fixture
def project(tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path) -> Project:
    repo, rev = hook_repo
    path = tmp_path / "newsroom"
    path.mkdir()
    git(path, "init", "--quiet")
    config = (
        "repos:\n"
        f"  - repo: {repo.as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: lintnews\n"
        "      - id: lintnews-fix\n"
    )
    (path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(path, "add", ".pre-commit-config.yaml")
    return Project(path, pre_commit_home)


def output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def test_check_hook_fails_on_artifacts(project: Project) -> None:
    project.write("articles/almaty.txt", DIRTY)
    result = project.run("lintnews")
    assert result.returncode == 1, output(result)
    assert "Failed" in result.stdout, output(result)
    assert "articles/almaty.txt:1:39: PN001" in result.stdout, output(result)
    assert (project.path / "articles/almaty.txt").read_text(encoding="utf-8") == DIRTY


def test_check_hook_passes_on_a_clean_article(project: Project) -> None:
    project.write("articles/tokayev.md", CLEAN)
    result = project.run("lintnews")
    assert result.returncode == 0, output(result)
    assert "Passed" in result.stdout, output(result)


def test_check_hook_looks_only_at_articles(project: Project) -> None:
    project.write("scripts/notes.py", "# The situation in Almaty remains unsafe. .\n")
    result = project.run("lintnews")
    assert result.returncode == 0, output(result)
    assert "no files to check" in result.stdout, output(result)


def test_check_hook_honours_the_configured_excludes(project: Project) -> None:
    project.write("lintnews.toml", 'extend-exclude = ["drafts"]\n')
    project.write("drafts/almaty.TXT", DIRTY)
    project.write("articles/tokayev.txt", CLEAN)
    result = project.run("lintnews")
    assert result.returncode == 0, output(result)


def test_fix_hook_rewrites_the_article_then_passes(project: Project) -> None:
    article = project.write("articles/almaty.txt", DIRTY)
    first = project.run("lintnews-fix")
    assert first.returncode == 1, output(first)
    assert "files were modified by this hook" in first.stdout, output(first)
    assert article.read_text(encoding="utf-8") == FIXED
    second = project.run("lintnews-fix")
    assert second.returncode == 0, output(second)
    assert "Passed" in second.stdout, output(second)
