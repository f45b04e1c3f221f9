"""The model files overlap ships (see README.md here). Installed as the data-only subpackage
`overlap._models` (pyproject.toml maps it to this folder) so a wheel carries them; the code finds
them through `overlap.model_files`, never by a path relative to its own source."""
