"""Paperless meetings (the e-Cabinet model): schedule, invitation (giấy mời), agenda
and materials, delegation, check-in and quorum, speakers, votes, written opinions,
conclusions, minutes (biên bản) and the conclusion notice (thông báo kết luận)."""
