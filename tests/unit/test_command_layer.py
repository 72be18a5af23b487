"""The command layer: `tasks.py` only declares tasks and calls one function
of `sitetools.commands`; a command's `Abort` reaches the coach as invoke's
exit, its one line on standard error and its status, turned so in one place."""

from __future__ import annotations

import ast
import importlib.util
import os

import invoke
import pytest

from sitetools.commands import build, desk, publish, serve
from sitetools.commands.abort import Abort
from sitetools.commands.project import Project
from tests.support.site import ROOT

TASKS = ROOT / "tasks.py"
COMMANDS = sorted((ROOT / "sitetools/commands").glob("*.py"))


def _tasks_module():
    spec = importlib.util.spec_from_file_location("tasks_under_test", TASKS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(*tasks: invoke.Task, argv: list[str]) -> None:
    """`invoke ARGV` over these tasks, in this process (invoke's own Program)."""
    program = invoke.Program(namespace=invoke.Collection(*tasks), name="invoke", binary="invoke")
    program.run(["invoke", *argv])


def test_an_abort_is_invokes_exit_with_its_line_and_status(capsys):
    tasks = _tasks_module()

    @tasks.task
    def stops(c):
        raise Abort("stops: the one line", code=3)

    @tasks.task(help={"quietly": "fail with the status only"})
    def fails(c, quietly=False):
        raise Abort(code=5)

    with pytest.raises(SystemExit) as ended:
        _run(stops, fails, argv=["stops"])
    assert ended.value.code == 3
    out = capsys.readouterr()
    assert out.err == "stops: the one line\n" and out.out == ""

    # No message: the program that failed has said why; only the status.
    with pytest.raises(SystemExit) as ended:
        _run(stops, fails, argv=["fails", "--quietly"])
    assert ended.value.code == 5
    assert capsys.readouterr().err == ""


def test_a_task_keeps_its_name_options_and_help():
    tasks = _tasks_module()
    assert tasks.gh_pages.name == "gh_pages" and tasks.list_bookings.name == "bookings"
    assert tasks.edit.help["backend_port"] == "the editor's local backend port (default 8081)"
    assert [a.name for a in tasks.edit.get_arguments()] == ["port", "backend_port", "open"]
    assert tasks.preview.__doc__ == "Build the production version of the site (needs SITEURL)."


def test_a_real_task_ends_with_the_commands_line(monkeypatch):
    tasks = _tasks_module()
    monkeypatch.delenv("SITEURL", raising=False)
    with pytest.raises(invoke.Exit) as ended:
        tasks.preview(invoke.Context())
    assert ended.value.code == 1
    assert ended.value.message == (
        "preview: SITEURL is not set: set it to the address of your site, e.g. "
        "SITEURL=https://coach.example.fr invoke preview (docs/publishing.md)"
    )


def _project(tmp_path) -> Project:
    return Project.at(tmp_path, environ={})


def test_commands_abort_without_invoke(tmp_path, monkeypatch):
    project = _project(tmp_path)
    with pytest.raises(Abort) as stopped:
        serve.serve(project)
    assert (stopped.value.message, stopped.value.code) == (
        "Nothing to serve yet: run `invoke build` first.",
        1,
    )
    monkeypatch.setenv("DEPLOY_REMOTE", "origin")
    with pytest.raises(Abort, match=r"^gh-pages: DEPLOY_REMOTE=origin is where this project"):
        publish.gh_pages(project)
    with pytest.raises(Abort) as stopped:
        desk.desk_run(project, publish="ftp", commit=False, push=False, settings="")
    expected = 'desk-run: --publish must be "publish" or "gh-pages", not \'ftp\''
    assert stopped.value.message == expected
    with pytest.raises(Abort, match=r"^publish: set DEPLOY_SSH_HOST and DEPLOY_SSH_PATH"):
        publish.publish(project)
    assert list(tmp_path.iterdir()) == []  # nothing written on the way out


def test_clean_removes_only_the_generated_folders(tmp_path):
    for name in ["output", "output.building", "output.previous", "cache", ".cache", "content"]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "f").write_text("x")
    build.clean(_project(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["content"]


def test_the_project_reads_the_deploy_settings_from_the_environment(tmp_path):
    environ = {"DEPLOY_SSH_HOST": "h", "DEPLOY_SSH_USER": "u", "DEPLOY_SSH_PATH": "/srv"}
    project = Project.at(tmp_path, environ={**environ, "DEPLOY_SSH_PORT": "2222"})
    assert (project.ssh_host, project.ssh_user, project.ssh_port, project.ssh_path) == (
        "h",
        "u",
        "2222",
        "/srv",
    )
    assert Project.at(tmp_path, environ={}).ssh_port == "22"
    assert project.output == tmp_path / "output"
    assert os.path.dirname(project.tool("python")) == str(project.bin)


# --- tasks.py stays thin ------------------------------------------------------

# About nine lines a task (decorator, signature, docstring, one call, blank lines).
TASKS_MAX_LINES = 280


def _task_functions(tree: ast.Module) -> list[ast.FunctionDef]:
    def is_task(decorator: ast.expr) -> bool:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        return isinstance(target, ast.Name) and target.id == "task"

    return [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and any(map(is_task, node.decorator_list))
    ]


def test_tasks_py_is_thin():
    source = TASKS.read_text("utf-8")
    tree = ast.parse(source)
    assert len(source.splitlines()) <= TASKS_MAX_LINES
    commands = {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "sitetools.commands"
        for alias in node.names
    }
    tasks = _task_functions(tree)
    assert len(tasks) >= 25
    for function in tasks:
        body = function.body
        if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]  # the docstring: invoke's help
        # One statement: a call of `<commands module>.<function>(PROJECT, ...)`.
        assert len(body) == 1, f"{function.name} holds {len(body)} statements"
        (statement,) = body
        assert isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
        call = statement.value
        called = call.func
        assert isinstance(called, ast.Attribute) and isinstance(called.value, ast.Name)
        assert called.value.id in commands, f"{function.name} calls {ast.unparse(called)}"
        assert [ast.unparse(a) for a in call.args[:1]] == ["PROJECT"], function.name
    # Beside the tasks: the imports, PROJECT and the one place Abort becomes Exit.
    others = [
        node
        for node in tree.body
        if node not in tasks and not isinstance(node, ast.Import | ast.ImportFrom)
    ]
    kinds = [type(node).__name__ for node in others]
    assert kinds == ["Expr", "Assign", "FunctionDef"], kinds  # docstring, PROJECT, task
    assert [n.id for n in others[1].targets if isinstance(n, ast.Name)] == ["PROJECT"]
    raises = [ast.unparse(n) for n in ast.walk(others[2]) if isinstance(n, ast.Raise)]
    assert raises == ["raise Exit(error.message, code=error.code) from None"]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: p.name)
def test_the_commands_never_import_invoke_or_tasks(path):
    tree = ast.parse(path.read_text("utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module.split(".")[0])
    forbidden = imported & {"invoke", "tasks"}
    assert not forbidden, f"{path.name} imports {forbidden}"
