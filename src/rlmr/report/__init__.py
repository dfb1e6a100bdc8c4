"""Reports of runs: PNG plots over steps, one self-contained HTML page, side-by-side comparison.

Reads run directories only (docs/contracts.md section 5); never imports torch.
"""
