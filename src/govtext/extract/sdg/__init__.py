"""SDG detection: query systems (Aurora, CMU, Elsevier-100), UN framework similarity,
explicit mentions, and their combination (``SDGDetector``)."""
