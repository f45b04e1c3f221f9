"""Reports render from the JSON document (the contract); terminal and Markdown are views of it."""
