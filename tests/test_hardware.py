"""precision auto: bf16 only where it is native (GPU, AVX512-BF16/AMX CPU)."""

from rlmr import hardware


def test_auto_follows_the_hardware(monkeypatch):
    monkeypatch.setattr(hardware, "native_bf16_cpu", lambda: False)
    assert hardware.resolve_precision("auto", on_cpu=True) == "fp32"
    assert hardware.resolve_precision("auto", on_cpu=False) == "bf16"
    monkeypatch.setattr(hardware, "native_bf16_cpu", lambda: True)
    assert hardware.resolve_precision("auto", on_cpu=True) == "bf16"
    for explicit in ("bf16", "fp16", "fp32"):
        assert hardware.resolve_precision(explicit, on_cpu=True) == explicit


def test_native_bf16_reads_this_cpus_flags():
    flags = open("/proc/cpuinfo").read().split()
    hardware.native_bf16_cpu.cache_clear()
    assert hardware.native_bf16_cpu() == ("avx512_bf16" in flags or "amx_bf16" in flags)
