package extract

func HTML(data []byte, opt Options) (*Article, error) { return nil, ErrNoArticle }
