#include "export/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace corpgraph::exporter {
namespace {

std::string ErrnoText(int error) { return std::strerror(error); }

Status WriteAll(int fd, std::string_view content, const std::string& path) {
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IOError(path + ": write failed (" + ErrnoText(errno) + ")");
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace

Status CheckOutputPath(const std::string& path, bool force) {
  if (path.empty()) return InvalidArgumentError("output path: empty");
  struct stat info;
  if (::lstat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return Status::Ok();
    return IOError(path + ": cannot check the output path (" + ErrnoText(errno) + ")");
  }
  if (S_ISLNK(info.st_mode)) {
    return FailedPreconditionError(path +
                                   ": is a symbolic link (refusing to write through it; remove "
                                   "it or choose another path)");
  }
  if (S_ISDIR(info.st_mode)) {
    return FailedPreconditionError(path + ": is a directory (give a file name)");
  }
  if (!S_ISREG(info.st_mode)) {
    return FailedPreconditionError(path + ": is not a regular file");
  }
  if (!force) return AlreadyExistsError(path + ": already exists (use --force to overwrite)");
  return Status::Ok();
}

Status WriteOutputFile(const std::string& path, std::string_view content, bool force) {
  RETURN_IF_ERROR(CheckOutputPath(path, force));
  std::vector<char> temp(path.begin(), path.end());
  const std::string suffix = ".tmp-XXXXXX";
  temp.insert(temp.end(), suffix.begin(), suffix.end());
  temp.push_back('\0');
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return IOError(path + ": cannot create a temporary file (" + ErrnoText(errno) + ")");
  const std::string temp_path = temp.data();
  Status status = WriteAll(fd, content, path);
  if (status.ok() && ::fchmod(fd, 0644) != 0) {
    status = IOError(path + ": chmod failed (" + ErrnoText(errno) + ")");
  }
  if (::close(fd) != 0 && status.ok()) {
    status = IOError(path + ": close failed (" + ErrnoText(errno) + ")");
  }
  if (status.ok()) {
    if (force) {
      // rename(2) replaces the directory entry itself: a symlink that appeared
      // since the check is replaced, never followed.
      if (::rename(temp_path.c_str(), path.c_str()) != 0) {
        status = IOError(path + ": cannot move the output into place (" + ErrnoText(errno) + ")");
      }
    } else if (::link(temp_path.c_str(), path.c_str()) != 0) {
      // link(2) fails if `path` appeared meanwhile, so we never clobber without --force.
      if (errno == EEXIST) {
        status = AlreadyExistsError(path + ": already exists (use --force to overwrite)");
      } else if (::rename(temp_path.c_str(), path.c_str()) != 0) {
        // File systems without hard links: fall back to rename after the check above.
        status = IOError(path + ": cannot move the output into place (" + ErrnoText(errno) + ")");
      }
    }
  }
  ::unlink(temp_path.c_str());  // after link(2) or a failure; harmless after rename(2)
  return status;
}

Status PrepareOutputDirectory(const std::string& dir) {
  if (dir.empty()) return InvalidArgumentError("output directory: empty");
  struct stat info;
  if (::lstat(dir.c_str(), &info) != 0) {
    if (errno != ENOENT) {
      return IOError(dir + ": cannot check the output directory (" + ErrnoText(errno) + ")");
    }
    if (::mkdir(dir.c_str(), 0755) != 0) {
      return IOError(dir + ": cannot create the directory (" + ErrnoText(errno) + ")");
    }
    return Status::Ok();
  }
  if (S_ISLNK(info.st_mode)) {
    return FailedPreconditionError(dir +
                                   ": is a symbolic link (refusing to write through it; remove "
                                   "it or choose another path)");
  }
  if (!S_ISDIR(info.st_mode)) {
    return FailedPreconditionError(dir +
                                   ": exists and is not a directory (neo4j output is a "
                                   "directory holding nodes.csv and relationships.csv)");
  }
  return Status::Ok();
}

}  // namespace corpgraph::exporter
