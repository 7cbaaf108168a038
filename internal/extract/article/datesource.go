package article

// DateViewStamp is the Article.DateSource of a date that only says when
// the page was viewed or saved ("View Date: …", "Accessed on …"), the one
// date some dumps carry: it is kept, since it bounds the publication, but
// it is not the publication.
const DateViewStamp = "page view stamp"

// DateCapture is the Article.DateSource of a date that only says when an
// archive captured the page (a WARC record's date, a SingleFile page's
// saved date, an ArchiveBox snapshot's time), given to a page that
// states no date of its own.
const DateCapture = "capture date"
