"""rlmr.mixing is usable without a training engine: importing it loads no torch, transformers, trl, verl or ray."""

import subprocess
import sys


def test_importing_mixing_loads_no_engine():
    code = (
        "import sys, rlmr.mixing\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'torch', 'transformers', 'trl', 'verl', 'ray'})\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
