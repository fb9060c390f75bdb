String loadedFrom = "imports.jsh";
