"""Texts shared by several test modules."""

# The 2016-2020 captioning disclaimer as STRUCTURE.md section 3 quotes it, completed with
# the sentences every era shares.
DISCLAIMER = (
    "The following are the outputs of the real-time captioning taken during the Fourteenth "
    "Annual Meeting of the Internet Governance Forum (IGF) in Berlin, Germany, from 25 to 29 "
    "November 2019. Although it is largely accurate, in some cases it may be incomplete or "
    "inaccurate due to inaudible passages or transcription errors. It is posted as an aid to "
    "understanding the proceedings at the event, but should not be treated as an "
    "authoritative record."
)
