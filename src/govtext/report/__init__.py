"""Report stage: codebook, (later) figures, HTML report and exports."""
