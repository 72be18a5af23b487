"""`invoke mutation`'s own parts: the configuration it gives mutmut for a
module of either package, and the table it prints."""

from __future__ import annotations

import tomllib

from sitetools.commands.mutation import Score, _config, table


def test_a_module_is_mutated_in_its_own_package_with_the_rest_copied_beside_it():
    for module, package, other in (
        ("plugins/booking/slots.py", "plugins", "sitetools"),
        ("sitetools/backend_rules.py", "sitetools", "plugins"),
    ):
        config = tomllib.loads(_config(module, ["tests/unit/a.py", "tests/unit/b"]))["tool"]
        mutmut = config["mutmut"]
        assert mutmut["source_paths"] == [package]
        assert mutmut["only_mutate"] == [module]
        assert mutmut["pytest_add_cli_args_test_selection"] == ["tests/unit/a.py", "tests/unit/b"]
        assert other in mutmut["also_copy"] and package not in mutmut["also_copy"]


def test_the_table_gives_each_module_its_score():
    scores = [
        Score("plugins/a.py", 200, 171, 20, 9, 0, ()),
        Score("plugins/b.py", 0, 0, 0, 0, 0, ()),
    ]
    rows = table(scores).splitlines()
    assert rows[2] == "| `plugins/a.py` | 200 | 171 | 20 | 9 | 0 | 86 % |"
    assert rows[3] == "| `plugins/b.py` | 0 | 0 | 0 | 0 | 0 | 100 % |"
    assert rows[-1].endswith("test-artifacts/mutation/<module>.txt")
