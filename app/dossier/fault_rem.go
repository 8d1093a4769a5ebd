package dossier

// Faults of reading a REM file (XLSX or PDF). The sentences are in app/fr.
const (
	FaultNotRegularFile Fault = "not_regular_file" // Subject: the path (a pipe, a folder, a device)
	FaultEmptyFile      Fault = "empty_file"       // Subject: the file name
	FaultNotREM         Fault = "not_rem"          // Subject: the file name; neither XLSX nor PDF
	FaultOldExcel       Fault = "old_excel"        // Subject: the file name; an .xls workbook
	FaultEncrypted      Fault = "encrypted"        // Subject: the file name
	FaultCorruptFile    Fault = "corrupt_file"     // Subject: the file name; truncated or malformed
	FaultTooLarge       Fault = "too_large"        // Subject: the file name; Detail: the limit passed
	FaultNoTable        Fault = "no_table"         // Subject: the file name; Detail: headings found
	FaultNoRequirement  Fault = "no_requirement"   // Subject: where (file, sheet)
	FaultDuplicateIDs   Fault = "duplicate_ids"    // Subject: the file name; Detail: the IDs and rows
	FaultChooseREM      Fault = "choose_rem"       // Subject: the file name; Detail: the REMs with counts
	FaultUnknownREM     Fault = "unknown_rem"      // Subject: what was asked; Detail: the choices
	FaultUnknownSheet   Fault = "unknown_sheet"    // Subject: what was asked; Detail: the sheets
	FaultBadColumns     Fault = "bad_columns"      // Subject: the faulty part; Detail: the keys known
)
