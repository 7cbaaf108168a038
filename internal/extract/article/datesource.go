package article

// DateViewStamp is the Article.DateSource of a date that only says when
// the page was viewed or saved ("View Date: …", "Accessed on …"), the one
// date some dumps carry: it is kept, since it bounds the publication, but
// it is not the publication.
const DateViewStamp = "page view stamp"
