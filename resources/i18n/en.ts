<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>报刊档案导出</source>
        <translation>Newspaper archive export</translation>
    </message>
    <message>
        <source>导出为 PDF</source>
        <translation>Export to PDF</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>标注人名、地名、机构和日期</source>
        <translation>Highlight people, places, organisations and dates</translation>
    </message>
    <message>
        <source>包含目录</source>
        <translation>Include a table of contents</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>纸张大小：</source>
        <translation>Paper size:</translation>
    </message>
    <message>
        <source>在扉页加入检索的时间分布图</source>
        <translation>Put the search&apos;s timeline on the title page</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在导出 PDF…</source>
        <translation>Exporting PDF…</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>已导出 %1 篇文章，共 %2 页。</source>
        <translation>Exported %1 articles, %2 pages.</translation>
    </message>
    <message>
        <source>打开文件</source>
        <translation>Open File</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open Folder</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%1 已存在，要替换它吗？</source>
        <translation>%1 already exists. Replace it?</translation>
    </message>
    <message>
        <source>请先选择要导出的文章。</source>
        <translation>Select the articles to export first.</translation>
    </message>
    <message>
        <source>检索：%1</source>
        <translation>Search: %1</translation>
    </message>
    <message>
        <source>“%1”每%2命中篇数</source>
        <translation>Articles matching “%1” per %2</translation>
    </message>
</context>
<context>
    <name>ArticleHtml</name>
    <message>
        <source>原文无标题</source>
        <translation>untitled in the paper</translation>
    </message>
    <message>
        <source>日期不详</source>
        <translation>Undated</translation>
    </message>
    <message>
        <source>（年份据文件时间推定）</source>
        <translation> (year inferred from the file&apos;s time)</translation>
    </message>
    <message>
        <source>%1期（%2）</source>
        <translation>issue of %1 (%2)</translation>
    </message>
    <message>
        <source>源文件：%1</source>
        <translation>Source file: %1</translation>
    </message>
    <message>
        <source>源文件中找不到这篇文章的行。</source>
        <translation>The article&apos;s lines were not found in the source file.</translation>
    </message>
    <message>
        <source>（原文作“%1”）</source>
        <translation>(printed as “%1”)</translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message>
        <source>相关文章</source>
        <translation>Related articles</translation>
    </message>
    <message>
        <source>内容最相近的其他文章；单击打开</source>
        <translation>The other articles closest in content; click to open</translation>
    </message>
    <message>
        <source>收藏本文</source>
        <translation>Bookmark Article</translation>
    </message>
    <message>
        <source>查看原文行</source>
        <translation>Show Source Lines</translation>
    </message>
    <message>
        <source>显示本文在源文件中的原始行和行号</source>
        <translation>Show the article&apos;s lines in the source file, with line numbers</translation>
    </message>
    <message>
        <source>在文中查找…</source>
        <translation>Find in Article…</translation>
    </message>
    <message>
        <source>下一个命中</source>
        <translation>Next Hit</translation>
    </message>
    <message>
        <source>上一个命中</source>
        <translation>Previous Hit</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom In</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom Out</translation>
    </message>
    <message>
        <source>原始大小</source>
        <translation>Actual Size</translation>
    </message>
    <message>
        <source>日期不详</source>
        <translation>Undated</translation>
    </message>
    <message>
        <source>【近似重复】</source>
        <translation>[near-duplicate] </translation>
    </message>
    <message>
        <source>相似度 %1</source>
        <translation>Similarity %1</translation>
    </message>
    <message>
        <source>；几乎相同的文字（转载或重发）</source>
        <translation>; almost the same text (reprinted)</translation>
    </message>
    <message>
        <source>请在左侧选择一篇文章。</source>
        <translation>Choose an article on the left.</translation>
    </message>
    <message>
        <source>正在读取源文件…</source>
        <translation>Reading the source file…</translation>
    </message>
    <message>
        <source>这篇文章没有可显示的源文件行。</source>
        <translation>This article has no source lines to show.</translation>
    </message>
    <message>
        <source>命中 %1/%2</source>
        <translation>Hit %1/%2</translation>
    </message>
    <message>
        <source>单击列出提到它的所有文章</source>
        <translation>Click to list every article that names it</translation>
    </message>
</context>
<context>
    <name>BookmarksModel</name>
    <message>
        <source>文章</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>期次日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>收藏时间</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>（已不在档案中）%1</source>
        <translation>(missing) %1</translation>
    </message>
    <message>
        <source>这篇文章在重新索引后已不在档案中；收藏和备注仍保留。</source>
        <translation>This article is no longer in the archive after re-indexing; the bookmark and its note are kept.</translation>
    </message>
    <message>
        <source>双击编辑备注</source>
        <translation>Double-click to edit the note</translation>
    </message>
</context>
<context>
    <name>BookmarksPanel</name>
    <message>
        <source>按收藏时间</source>
        <translation>By date added</translation>
    </message>
    <message>
        <source>按期次日期</source>
        <translation>By issue date</translation>
    </message>
    <message>
        <source>取消收藏</source>
        <translation>Remove Bookmark</translation>
    </message>
    <message>
        <source>编辑备注</source>
        <translation>Edit Note</translation>
    </message>
    <message>
        <source>Ctrl+D 收藏当前文章；双击备注栏写备注。</source>
        <translation>Ctrl+D bookmarks the open article; double-click a note to edit it.</translation>
    </message>
    <message>
        <source>排序</source>
        <translation>Order</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>检查档案</source>
        <translation>Check Archive</translation>
    </message>
    <message>
        <source>修复</source>
        <translation>Repair</translation>
    </message>
    <message>
        <source>从已保存的文章重建搜索索引与实体索引；收藏和笔记不受影响。</source>
        <translation>Rebuild the search and entity indexes from the stored articles; bookmarks and notes are not touched.</translation>
    </message>
    <message>
        <source>压缩文件</source>
        <translation>Compact File</translation>
    </message>
    <message>
        <source>重写档案文件，去掉其中的空闲页，文件随之变小。大档案需要几分钟，并需要与档案同样大小的空闲磁盘空间。</source>
        <translation>Rewrite the archive file without its free pages, which makes it smaller. A large archive takes a few minutes and needs as much free disk space as the archive.</translation>
    </message>
    <message>
        <source>正在检查档案…</source>
        <translation>Checking the archive…</translation>
    </message>
    <message>
        <source>正在重建索引…</source>
        <translation>Rebuilding the indexes…</translation>
    </message>
    <message>
        <source>正在压缩档案文件…</source>
        <translation>Compacting the archive file…</translation>
    </message>
    <message>
        <source>服务器上的档案无需压缩。</source>
        <translation>An archive on a server needs no compaction.</translation>
    </message>
    <message>
        <source>已压缩：%1 MB → %2 MB。</source>
        <translation>Compacted: %1 MB → %2 MB.</translation>
    </message>
    <message>
        <source>数据库文件已损坏：%1</source>
        <translation>The database file is damaged: %1</translation>
    </message>
    <message>
        <source>数据库版本：%1</source>
        <translation>Schema version: %1</translation>
    </message>
    <message>
        <source>搜索索引：%1</source>
        <translation>Search index: %1</translation>
    </message>
    <message>
        <source>实体索引：%1</source>
        <translation>Entity index: %1</translation>
    </message>
    <message>
        <source>孤立记录：%1</source>
        <translation>Orphan rows: %1</translation>
    </message>
    <message>
        <source>档案完好：未发现问题。</source>
        <translation>The archive is healthy: no problems found.</translation>
    </message>
    <message>
        <source>数据库文件本身已损坏或版本不符，无法在此修复：请从备份恢复，或重新索引源文件。</source>
        <translation>The database file itself is damaged or of an unknown version and cannot be repaired here: restore a backup, or index the source files again.</translation>
    </message>
    <message>
        <source>发现 %1 个问题。索引可以从已保存的文章重建。</source>
        <translation>%1 problems found. The indexes can be rebuilt from the stored articles.</translation>
    </message>
    <message>
        <source>无法完成：%1</source>
        <translation>Could not finish: %1</translation>
    </message>
</context>
<context>
    <name>EntitiesModel</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>篇数</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>%1篇文章，共提及%2次</source>
        <translation>%1 articles, %2 mentions</translation>
    </message>
    <message>
        <source>又作：%1</source>
        <translation>Also written: %1</translation>
    </message>
</context>
<context>
    <name>EntitiesPanel</name>
    <message>
        <source>筛选名称</source>
        <translation>Filter names</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>选择一个实体，列出提到它的文章。</source>
        <translation>Choose an entity to list the articles that name it.</translation>
    </message>
    <message>
        <source>每月提到它的文章数；单击一栏在搜索中只看该时期</source>
        <translation>Articles naming it per month; click a bar to search that period</translation>
    </message>
    <message>
        <source>常与它一同出现</source>
        <translation>Often named with it</translation>
    </message>
    <message>
        <source>同一篇文章中一同出现的实体；单击转到该实体</source>
        <translation>Entities named in the same articles; click to go to one</translation>
    </message>
    <message>
        <source>只列出最常见的 %1 个；输入名称可找到其余的</source>
        <translation>Only the %1 most frequent are listed; type a name to find the others</translation>
    </message>
    <message>
        <source>无法读取实体：%1</source>
        <translation>Cannot read entities: %1</translation>
    </message>
    <message>
        <source>正在查找提到“%1”的文章…</source>
        <translation>Finding articles that name “%1”…</translation>
    </message>
    <message>
        <source>每月提到“%1”的文章</source>
        <translation>Articles naming “%1” per month</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 篇</source>
        <translation>%1 · %2 · %3 articles</translation>
    </message>
    <message>
        <source>“%1”与“%2”一同出现在 %3 篇文章中</source>
        <translation>“%1” and “%2” appear together in %3 articles</translation>
    </message>
    <message>
        <source>常与“%1”一同出现</source>
        <translation>Often named with “%1”</translation>
    </message>
    <message>
        <source>提到“%1”的文章：%2篇</source>
        <translation>Articles naming “%1”: %2</translation>
    </message>
</context>
<context>
    <name>EntityLegend</name>
    <message>
        <source>标注：</source>
        <translation>Highlight:</translation>
    </message>
    <message>
        <source>显示或隐藏这一类实体的标注</source>
        <translation>Show or hide highlights for this kind of entity</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <source>在本文中查找</source>
        <translation>Find in this article</translation>
    </message>
    <message>
        <source>下一处</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一处</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>关闭查找栏 (Esc)</source>
        <translation>Close the find bar (Esc)</translation>
    </message>
    <message>
        <source>未找到</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>IndexSummary</name>
    <message>
        <source>已索引 %1 个文件，未变化 %2 个，跳过 %3 个。</source>
        <translation>Indexed %1 files, %2 unchanged, %3 skipped.</translation>
    </message>
    <message>
        <source>已移除 %1 个不再存在的文件。</source>
        <translation> Removed %1 files that no longer exist.</translation>
    </message>
    <message>
        <source>索引已取消。</source>
        <translation>Indexing cancelled. </translation>
    </message>
    <message>
        <source>出错：%1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>跳过的文件：</source>
        <translation>Skipped files:</translation>
    </message>
    <message>
        <source>……另有 %1 个</source>
        <translation>…and %1 more</translation>
    </message>
    <message>
        <source>索引结果</source>
        <translation>Indexing Report</translation>
    </message>
</context>
<context>
    <name>IndexingController</name>
    <message>
        <source>正在索引</source>
        <translation>Indexing</translation>
    </message>
    <message>
        <source>正在准备…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>档案正忙，正在等待另一个进程写完…</source>
        <translation>The archive is busy: waiting for another process to finish writing…</translation>
    </message>
    <message>
        <source>正在读取第 %1 / %2 个文件：%3</source>
        <translation>Reading file %1 of %2: %3</translation>
    </message>
    <message>
        <source>第 %1 / %2 个文件：%3</source>
        <translation>File %1 of %2: %3</translation>
    </message>
</context>
<context>
    <name>IssueTreeModel</name>
    <message>
        <source>期次</source>
        <translation>Issues</translation>
    </message>
    <message>
        <source>%1年</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>日期不详</source>
        <translation>Undated</translation>
    </message>
    <message>
        <source>%1月</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <source>%1（年份推定）</source>
        <translation>%1 (year inferred)</translation>
    </message>
    <message>
        <source>%1 · %2篇</source>
        <translation>%1 · %2 articles</translation>
    </message>
    <message>
        <source>%1期，%2篇文章</source>
        <translation>%1 issues, %2 articles</translation>
    </message>
    <message>
        <source>%1：报纸未印年份，年份按文件修改时间推定</source>
        <translation>%1: the paper does not print its year; it was inferred from the file&apos;s modification time</translation>
    </message>
    <message>
        <source>原文无标题，标题取自首句</source>
        <translation>untitled in the paper; title taken from the first sentence</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>消息</source>
        <translation>News</translation>
    </message>
    <message>
        <source>图片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>评论</source>
        <translation>Commentary</translation>
    </message>
    <message>
        <source>人名</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>地名</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>机构</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>记者</source>
        <translation>reporter</translation>
    </message>
    <message>
        <source>通讯员</source>
        <translation>correspondent</translation>
    </message>
    <message>
        <source>摄影</source>
        <translation>photo</translation>
    </message>
    <message>
        <source>作者</source>
        <translation>author</translation>
    </message>
    <message>
        <source>%1 万</source>
        <translation>%1 × 10,000</translation>
    </message>
    <message>
        <source>约 %1</source>
        <translation>about %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>报刊档案阅读器</source>
        <translation>Archive Reader</translation>
    </message>
    <message>
        <source>正在打开档案…</source>
        <translation>Opening the archive…</translation>
    </message>
    <message>
        <source>正在升级档案的搜索索引… %1%</source>
        <translation>Upgrading the archive’s search index… %1%</translation>
    </message>
    <message>
        <source>搜索索引已损坏：请用 工具 → 检查档案 修复。</source>
        <translation>The search index is damaged: repair it with Tools → Check Archive.</translation>
    </message>
    <message>
        <source>搜索索引已损坏或不完整，搜索结果可能缺失。</source>
        <translation>The search index is damaged or incomplete; search results may be missing.</translation>
    </message>
    <message>
        <source>可以从已保存的文章重建索引（工具 → 检查档案），收藏和笔记不受影响。</source>
        <translation>It can be rebuilt from the stored articles (Tools → Check Archive); bookmarks and notes are not touched.</translation>
    </message>
    <message>
        <source>检查并修复…</source>
        <translation>Check and Repair…</translation>
    </message>
    <message>
        <source>无法打开档案</source>
        <translation>Cannot open the archive</translation>
    </message>
    <message>
        <source>无法打开档案。</source>
        <translation>The archive cannot be opened.</translation>
    </message>
    <message>
        <source>连接服务器</source>
        <translation>Connect to Server</translation>
    </message>
    <message>
        <source>数据库地址，如 postgresql://用户@主机/数据库（留空：使用本机档案）：</source>
        <translation>Database address, e.g. postgresql://user@host/database (empty: the local archive):</translation>
    </message>
    <message>
        <source>正在索引，请等索引结束后再切换档案。</source>
        <translation>Indexing is running; switch archives when it has finished.</translation>
    </message>
    <message>
        <source>出现意外错误。</source>
        <translation>An unexpected error occurred.</translation>
    </message>
    <message>
        <source>已收藏</source>
        <translation>Bookmarked</translation>
    </message>
    <message>
        <source>已取消收藏</source>
        <translation>Bookmark removed</translation>
    </message>
    <message>
        <source>导入报纸文本</source>
        <translation>Import newspaper text</translation>
    </message>
    <message>
        <source>文本文件 (*.txt);;所有文件 (*)</source>
        <translation>Text files (*.txt);;All files (*)</translation>
    </message>
    <message>
        <source>导入文件夹</source>
        <translation>Import Folder</translation>
    </message>
    <message>
        <source>档案尚未打开，请稍候。</source>
        <translation>The archive is not open yet; please wait.</translation>
    </message>
    <message>
        <source>正在索引，请稍候。</source>
        <translation>Indexing is running, please wait.</translation>
    </message>
    <message>
        <source>索引完成：新增或更新 %1 个文件</source>
        <translation>Indexing done: %1 files added or updated</translation>
    </message>
    <message>
        <source>请先在期次树、搜索结果或收藏夹中选择要导出的文章。</source>
        <translation>Select the articles to export in the issue tree, the search results or the bookmarks first.</translation>
    </message>
    <message>
        <source>所选范围内没有文章。</source>
        <translation>The selection holds no articles.</translation>
    </message>
    <message>
        <source>导出功能不可用：%1</source>
        <translation>Export is not available: %1</translation>
    </message>
    <message>
        <source>关于报刊档案阅读器</source>
        <translation>About Archive Reader</translation>
    </message>
    <message>
        <source>版本 %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>导入文件…</source>
        <translation>Import Files…</translation>
    </message>
    <message>
        <source>导入文件夹…</source>
        <translation>Import Folder…</translation>
    </message>
    <message>
        <source>导出为 PDF…</source>
        <translation>Export to PDF…</translation>
    </message>
    <message>
        <source>连接服务器…</source>
        <translation>Connect to Server…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>搜索全文</source>
        <translation>Search Full Text</translation>
    </message>
    <message>
        <source>收藏夹</source>
        <translation>Bookmarks</translation>
    </message>
    <message>
        <source>实体</source>
        <translation>Entities</translation>
    </message>
    <message>
        <source>侧栏</source>
        <translation>Side Panel</translation>
    </message>
    <message>
        <source>检查档案…</source>
        <translation>Check Archive…</translation>
    </message>
    <message>
        <source>关于…</source>
        <translation>About…</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>搜索全文，如：吕沛 安全生产</source>
        <translation>Search the full text, e.g. 吕沛 安全生产</translation>
    </message>
    <message>
        <source>全部体裁</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>记者、通讯员或作者</source>
        <translation>reporter, correspondent or author</translation>
    </message>
    <message>
        <source>人名、地名或机构</source>
        <translation>person, place or organisation</translation>
    </message>
    <message>
        <source>体裁</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>署名</source>
        <translation>Byline</translation>
    </message>
    <message>
        <source>实体</source>
        <translation>Entities</translation>
    </message>
    <message>
        <source>单击一栏只看该时期，拖选多栏看一段时期；右键导出</source>
        <translation>Click a bar for that period, drag across bars for a range; right-click to export</translation>
    </message>
    <message>
        <source>按月</source>
        <translation>By month</translation>
    </message>
    <message>
        <source>按年</source>
        <translation>By year</translation>
    </message>
    <message>
        <source>占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>显示命中文章占当期全部文章的比例</source>
        <translation>Show the hits as a share of all articles of each period</translation>
    </message>
    <message>
        <source>时间分布</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>只看这一时期的结果；单击取消</source>
        <translation>Only this period&apos;s results; click to remove</translation>
    </message>
    <message>
        <source>输入词语开始搜索。</source>
        <translation>Type words to search.</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>any</translation>
    </message>
    <message>
        <source>正在搜索…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>已找到 %1 条结果（正在继续查找…），用时 %2 毫秒</source>
        <translation>%1 results so far, still searching… (%2 ms)</translation>
    </message>
    <message>
        <source>%1 条结果（正在精确计数…），用时 %2 毫秒</source>
        <translation>%1 results (counting exactly…) in %2 ms</translation>
    </message>
    <message>
        <source>共 %1 条结果，用时 %2 毫秒</source>
        <translation>%1 results in %2 ms</translation>
    </message>
    <message>
        <source>时间分布（%1 个时期，%2 篇）</source>
        <translation>Timeline (%1 periods, %2 articles)</translation>
    </message>
    <message>
        <source>时期：%1 — %2 ✕</source>
        <translation>Period: %1 — %2 ✕</translation>
    </message>
    <message>
        <source>搜索失败：%1</source>
        <translation>Search failed: %1</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>检索与收藏</source>
        <translation>Search &amp; Bookmarks</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>收藏</source>
        <translation>Bookmarks</translation>
    </message>
    <message>
        <source>实体</source>
        <translation>Entities</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>导出为 PNG…</source>
        <translation>Export as PNG…</translation>
    </message>
    <message>
        <source>导出为 SVG…</source>
        <translation>Export as SVG…</translation>
    </message>
    <message>
        <source>导出数据 (CSV)…</source>
        <translation>Export the numbers (CSV)…</translation>
    </message>
    <message>
        <source>按占比显示</source>
        <translation>Show as share</translation>
    </message>
    <message>
        <source>%1：%2 篇，占当期 %3 篇的 %4</source>
        <translation>%1: %2 articles, %4 of the period&apos;s %3</translation>
    </message>
    <message>
        <source>时间分布</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>导出为 PNG</source>
        <translation>Export as PNG</translation>
    </message>
    <message>
        <source>导出为 SVG</source>
        <translation>Export as SVG</translation>
    </message>
    <message>
        <source>导出数据</source>
        <translation>Export the numbers</translation>
    </message>
</context>
</TS>
