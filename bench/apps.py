from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's tools: the synthetic data builder (`manage.py build_bench_data`), the baseline and layout
    reference pages. Installed only by the benchmark's settings (bench/settings.py) and the tests' settings, never
    by production's."""

    name = "bench"
    verbose_name = "Benchmark"
