"""Models: `_models/` sources → verified TF.js bundles under `assets/models/` → `site.models`."""

from __future__ import annotations

from typing import Any

from .sync import ModelState, check_models, raise_failures, sync_models

__all__ = ["ModelState", "check_models", "sync_models", "raise_failures", "liquid_models"]


def liquid_models(states: list[ModelState]) -> dict[str, Any]:
    """`site.models`: each manifest plus the URLs a page needs (without baseurl, as Jekyll's
    paths are: pipe them through `relative_url`)."""
    models = {}
    for s in states:
        if s.manifest is None:
            continue
        base = f"/assets/models/{s.source.name}"
        models[s.source.name] = {**s.manifest, "url": f"{base}/model.json",
                                 "manifest_url": f"{base}/sitegen-model.json", "path": base}
    return models
