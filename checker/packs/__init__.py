"""Policy packs: YAML files of rules, validated against a JSON Schema and a set of semantic checks.

Packs are data, never code: safe YAML only (no python tags), a size and alias limit so a hostile
file cannot blow up, and every error names the file, line and column with the offending line and
a caret, and says how to fix it, the way Semgrep and Vale report a bad rule.

A pack may build on others. ``pack.extends`` names parent packs by id; ``overrides:`` entries
change a parent's rule by id (threshold and its steps by year, severity, weight, extra subject or
metric words, met_when/suggestion/source texts, more examples) or switch it off
(``disabled: true``); ``rules:`` adds new rules. The overridden version *replaces* the parent's
rule in the loaded rule set and records in ``Rule.set_by`` which pack set each value, so
``govedu-check explain`` can say where a threshold comes from.

Loading is in two steps: each file is read and checked on its own (:func:`check_pack_file`), then
the set of packs is resolved together (:func:`resolve_all`: extends, duplicate ids, overrides).
Both steps collect every problem, so ``packs validate`` can list them all; :func:`load_packs`, used
by ``check``, stops at the first one.

Packs have no regular expressions: subjects and metrics are lists of plain words, so there is no
pattern that could fail to compile or backtrack catastrophically.

The package reads as the loading path: ``source`` (YAML with positions and limits) → ``schema``
(the JSON Schema) → ``build`` (rules from one file, and what the schema cannot check) →
``resolve`` (extends and overrides across packs) → ``loading`` (the set a run uses);
``locations`` says where packs are, ``testing`` runs a pack's own examples and sample reports.
"""
from __future__ import annotations

from .build import (Applied, LoadedPack, build_rule, check_pack_file, describe_thresholds, example_from,
                    load_pack)
from .loading import all_rules, category_titles, gather_files, load_all, load_packs, override_history
from .locations import (BUILTIN_DIR, POLICIES_DIR, PROVINCES_DIR, available_files, available_pack_ids,
                        builtin_files, data_dir, display_path, pack_files)
from .resolve import own_rules_of, raw_index, resolve, resolve_all
from .schema import pack_schema
from .source import MAX_ALIASES, MAX_PACK_BYTES, MAX_RULES, PackError, PackSource, read_yaml

__all__ = [
    "Applied", "LoadedPack", "build_rule", "check_pack_file", "describe_thresholds", "example_from", "load_pack",
    "all_rules", "category_titles", "gather_files", "load_all", "load_packs", "override_history",
    "BUILTIN_DIR", "POLICIES_DIR", "PROVINCES_DIR", "available_files", "available_pack_ids", "builtin_files",
    "data_dir", "display_path", "pack_files", "own_rules_of", "raw_index", "resolve", "resolve_all",
    "pack_schema", "MAX_ALIASES", "MAX_PACK_BYTES", "MAX_RULES", "PackError", "PackSource", "read_yaml",
]
