// Stand-in for the 'vscode' module inside the pure core (see tsconfig.core.json): it exports
// nothing, so any import of 'vscode' from src/core, src/shared or src/cli fails to type-check.
export {};
